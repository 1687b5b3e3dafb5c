"""Offline lab for Docent's placement classifier.

Replays `docent-bench placement` (whole pages moved into another persona's section, `##` parts moved
between pages) in numpy, from the export written by

    swift run -c release docent-bench placement WORKSPACE [--labels FILE] --export data.json

so that scoring ideas can be tried in seconds:

    python3 lab.py data.json          # the shipped method's figures, seeds 1-4

`Method` mirrors PlacementClassifier.swift (profiles learned twice, the second time without the pages
the first finds misplaced; a page's own persona scored by its own section; the part rule's one
log-odds). Subclass it and override `learned` (per-section log-odds of a text), `shares`,
`decide_page` or `decide_part`. The figures come close to the Swift benchmark's, not to the digit: the
replay approximates a moved part's evidence, and the export holds only labelled pages.
Needs numpy.
"""
import json, math, random, sys
import numpy as np

class Data:
    def __init__(self, path):
        d = json.load(open(path))
        self.secs = d['sections']
        self.idf = np.array(d['idf'], dtype=np.float64)
        self.V = len(self.idf)
        pages = d['pages']
        self.paths = [p['path'] for p in pages]
        n = len(pages)
        self.n = n
        self.raw = np.zeros((n, self.V))
        for i, p in enumerate(pages):
            for t, w in p['terms']:
                self.raw[i, t] += w
        self.E = np.array([p['evidence'] for p in pages])
        self.words = np.array([p['words'] for p in pages])
        self.truth = np.array([p['truth'] for p in pages])
        self.sec0 = np.array([p['section'] for p in pages])
        # pages a second reading of the labels disputes (left out of what is judged with agreed_only), and
        # pages labelled with a misplaced part of their own (never judged for parts, as in the bench)
        self.disputed = np.array([p.get('disputed', False) for p in pages])
        self.expectedPart = np.array([p.get('expectedPart', False) for p in pages])
        self.P = self.E.shape[1]
        self.checked = [k for k, s in enumerate(self.secs) if s['checked']]
        self.parts = []  # per page: list of dict(raw vector (sparse dict), evidence, words, code, level)
        for p in pages:
            lst = []
            for q in p['parts']:
                v = {}
                for t, w in q['terms']:
                    v[t] = v.get(t, 0) + w
                lst.append(dict(raw=v, evidence=np.array(q['evidence']), words=q['words'], code=q['code'], level=q['level']))
            self.parts.append(lst)
        self.bypers = [[k for k in self.checked if p in self.secs[k]['personas']] for p in range(self.P)]
        # where each page's links lead (labelled pages only: the others sit in sections for everyone)
        index = {path: i for i, path in enumerate(self.paths)}
        self.links = [[index[t] for t in p.get('links', []) if t in index and index[t] != i] for i, p in enumerate(pages)]
        self.inlinks = [[] for _ in range(n)]
        for i, targets in enumerate(self.links):
            for j in targets: self.inlinks[j].append(i)

def logw(raw):
    out = np.where(raw > 0, np.maximum(0.1, 1 + np.log(np.maximum(raw, 1e-12))), 0.0)
    return out

def unit(raw, idf):
    w = logw(raw) * idf
    n = np.linalg.norm(w, axis=-1, keepdims=True)
    return w / np.maximum(n, 1e-12)

def dense(sparse, V):
    v = np.zeros(V)
    for t, w in sparse.items(): v[t] += w
    return v

class Method:
    """The scoring Docent ships (PlacementClassifier.swift), parameter for parameter."""
    T = 20; prior = 1.5; biw = 0.5; maxlw = 0.64; half = 3; trust_half = 3
    minWords = 40; minShare = 0.3; minRatio = 2; maxPlaced = 0.15; strongShare = 0.6; strongRatio = 5
    minPartWords = 40
    # the part rule's log-odds: z = lr + wPage*r - wCoh*ln(c + .01) + wLen*ln(words) + wShift*shift >= threshold
    threshold = 9.5; wPage = 1.5; wCoh = 1.2; wLen = 0.3; wShift = 0.15; alpha = 1000.0; beta = 10.0
    prune = True
    # where a page's links lead: linkWeight * ln((n_p + linkPrior) / (n + P * linkPrior)), pages only;
    # the same for links to the page (inbound); each link damped by degree^-linkDamping; the text of the
    # linked pages mixed into the learned affinity with neighbourTextWeight
    linkWeight = 0.5; linkPrior = 1.0; inboundLinkWeight = 0.25; inboundLinkPrior = 2.0; linkDamping = 0.5
    neighbourTextWeight = 0.25

    def __init__(self, D, raw, sec, **kw):
        """raw: page raw counts (n×V) of this arrangement; sec: section per page."""
        for k, v in kw.items(): setattr(self, k, v)
        self.D = D; self.raw = raw; self.sec = sec
        self.U = unit(raw, D.idf)
        self.prepare()

    def prepare(self):
        D = self.D
        self.inProfile = np.array([D.secs[k]['checked'] for k in self.sec])
        self.cnt = {k: int((self.sec == k).sum()) for k in D.checked}
        counts = [c for c in self.cnt.values() if c > 0]
        avg = np.mean(counts) - 1 if counts else 0
        self.lw = self.maxlw * max(0, avg) / (max(0, avg) + self.half) if len(counts) >= 2 else 0
        self.ppc = [sum(self.cnt[k] for k in D.bypers[p]) for p in range(D.P)]
        self.profiles()
        if self.prune:
            flagged = [i for i in range(D.n) if self.inProfile[i] and self.decide_page(i) is not None]
            self.inProfile[flagged] = False   # page counts stay
            self.profiles()
        # raw word counts per persona (every profile page, pruned or not) and of the workspace
        inP = np.zeros((D.n, D.P), bool)
        for p in range(D.P):
            for k in D.bypers[p]: inP[self.sec == k, p] = True
        self.inP = inP
        self.Cp = inP.T.astype(float) @ self.raw
        self.Np = self.Cp.sum(1)
        tot = self.raw.sum(0) + 1e-3
        self.bg = tot / tot.sum()
        self.mass = self.raw.sum(1)

    def profiles(self):
        D = self.D
        self.S = {k: self.U[(self.sec == k) & self.inProfile].sum(0) for k in D.checked}
        self.members = {k: int(((self.sec == k) & self.inProfile).sum()) for k in D.checked}
        self.Snorm = {k: self.S[k] @ self.S[k] for k in D.checked}

    def learned(self, u, i):
        """Per-section log-odds of unit vector `u` (page i's text or part), page i left out."""
        D = self.D
        out = {}
        ownU = self.U[i]
        for k in D.checked:
            dot = u @ self.S[k]; ns = self.Snorm[k]; c = self.members[k]
            if self.sec[i] == k and self.inProfile[i]:
                dot -= u @ ownU; ns = ns - 2 * (ownU @ self.S[k]) + 1; c -= 1
            if c > 0 and ns > 1e-6:
                out[k] = self.T * max(0, dot) / math.sqrt(ns)
        return out

    def link_counts(self, lst, degree=None):
        c = np.zeros(self.D.P)
        for j in lst:
            s = self.D.secs[self.sec[j]]
            if s['checked']:
                w = 1.0 if degree is None else max(1, len(degree[j])) ** -self.linkDamping
                for p in s['personas']: c[p] += w
        return c

    def neighbour_affinities(self, i):
        """Per-section affinity of the mean unit vector of the pages i links to, i and them left out of the profiles."""
        D = self.D
        nb = [j for j in set(D.links[i]) if j != i]
        if not nb: return None
        m = self.U[nb].mean(0); nm = np.linalg.norm(m)
        if nm < 1e-9: return None
        m = m / nm
        out = {}
        drop = set(nb) | {i}
        for k in D.checked:
            S = self.S[k]; c = self.members[k]
            rm = [j for j in drop if self.sec[j] == k and self.inProfile[j]]
            if rm: S = S - self.U[rm].sum(0); c -= len(rm)
            ns = S @ S
            if c > 0 and ns > 1e-6: out[k] = self.T * max(0, m @ S) / math.sqrt(ns)
        return out

    def shares(self, aff, e, own=None, links=None, inlinks=None):
        """With `own` (the page's section), its personas are scored by that section alone."""
        D = self.D; P = D.P
        learned = np.full(P, np.nan)
        for p in range(P):
            vals = [aff[k] for k in D.bypers[p] if k in aff]
            if vals: learned[p] = max(vals)
        if own is not None and own in aff:
            for p in D.secs[own]['personas']:
                if not np.isnan(learned[p]): learned[p] = aff[own]
        known = ~np.isnan(learned)
        if known.sum() >= 2 and self.trust_half > 0:
            m = learned[known].mean()
            for p in range(P):
                if known[p]: learned[p] = m + self.ppc[p] / (self.ppc[p] + self.trust_half) * (learned[p] - m)
        alpha = self.lw if known.sum() >= 2 else 0
        bottom = learned[known].min() if known.any() else 0
        tot = e.sum() + self.prior * P
        logs = alpha * np.where(known, learned, bottom) + self.biw * np.log((e + self.prior) / tot)
        for c, w, a in [(links, self.linkWeight, self.linkPrior), (inlinks, self.inboundLinkWeight, self.inboundLinkPrior)]:
            if c is not None and c.sum() > 0 and w > 0:
                logs = logs + w * np.log((c + a) / (c.sum() + P * a))
        x = np.exp(logs - logs.max())
        return x / x.sum()

    def candidates(self, i):
        placed = self.D.secs[self.sec[i]]['personas']
        return placed, [p for p in range(self.D.P) if p not in placed and any(k != self.sec[i] for k in self.D.bypers[p])]

    def decide_page(self, i):
        D = self.D
        if D.words[i] < self.minWords: return None
        aff = self.learned(self.U[i], i)
        na = self.neighbour_affinities(i) if self.neighbourTextWeight > 0 else None
        if na is not None:
            w = self.neighbourTextWeight
            aff = {k: (1 - w) * aff.get(k, 0) + w * na.get(k, 0) for k in set(aff) | set(na)}
        sh = self.shares(aff, D.E[i], own=self.sec[i], links=self.link_counts(D.links[i], D.inlinks),
                         inlinks=self.link_counts(D.inlinks[i], D.links))
        placed, cands = self.candidates(i)
        if not cands: return None
        best = max(cands, key=lambda p: sh[p]); bs = sh[best]; ps = sum(sh[p] for p in placed)
        if (bs >= self.minShare and bs >= self.minRatio * ps and ps <= self.maxPlaced) or (bs >= self.strongShare and bs >= self.strongRatio * ps):
            return best
        return None

    def page_ratio(self, i, x, placed):
        """r: mean over the part's words of ln θ_placed(w) − ln θ_rest(w) (page i left out of θ_placed)."""
        nz = np.nonzero(x)[0]; xv = x[nz]; n = xv.sum()
        h = self.raw[i, nz]
        best = -np.inf
        for p in placed:
            own = self.inP[i, p]
            c = self.Cp[p, nz] - (h if own else 0); N = self.Np[p] - (self.mass[i] if own else 0)
            th_p = (np.maximum(c, 0) + self.alpha * self.bg[nz]) / (N + self.alpha)
            th_r = (np.maximum(h - xv, 0) + self.beta * th_p) / (self.mass[i] - n + self.beta)
            best = max(best, float((xv * (np.log(th_p) - np.log(th_r))).sum() / n))
        return best

    def decide_part(self, i, part_raw, part_e, words, page_e, page_raw):
        """Whether the part (raw counts, evidence) of page i is flagged; page_raw includes the part."""
        D = self.D
        if words < self.minPartWords: return None
        placed, cands = self.candidates(i)
        if not cands or not placed: return None
        u = unit(part_raw, D.idf)
        sh = self.shares(self.learned(u, i), part_e)
        best = max(cands, key=lambda p: sh[p]); bs = sh[best]; ps = sum(sh[p] for p in placed)
        rest_raw = page_raw - part_raw; rest_raw[rest_raw < 0.01] = 0
        ru = unit(rest_raw, D.idf)
        coherence = float(u @ ru)
        rest_sh = self.shares(self.learned(ru, i), np.maximum(page_e - part_e, 0))
        tiny = 1e-3
        lr = math.log((bs + tiny) / (ps + tiny)); rp = sum(rest_sh[p] for p in placed)
        shift = lr - math.log((rest_sh[best] + tiny) / (rp + tiny))
        z = lr + self.wPage * self.page_ratio(i, part_raw, placed) - self.wCoh * math.log(coherence + 0.01) \
            + self.wLen * math.log(words) + self.wShift * shift
        if z < self.threshold: return None
        # not named again when the page as a whole is flagged for the same persona, unless the rest does not read so
        pf = self.decide_page(i)
        if pf == best and not rest_sh[best] < rp: return None
        return best

def run_pages(D, method=Method, seed=1, fraction=0.1, agreed_only=False, **kw):
    rng = random.Random(seed)
    judged = [i for i in range(D.n) if not (agreed_only and D.disputed[i])]
    order = judged[:]; rng.shuffle(order)
    bs = max(1, round(len(judged) * fraction))
    tp = fn = fp = neg = 0; fps = {}
    for st in range(0, len(order), bs):
        batch = set(order[st:st + bs])
        sec = D.sec0.copy()
        for i in order[st:st + bs]:
            sec[i] = rng.choice([k for k in D.checked if D.truth[i] not in D.secs[k]['personas']])
        m = method(D, D.raw, sec, **kw)
        for i in judged:
            f = m.decide_page(i)
            if i in batch:
                if f is not None: tp += 1
                else: fn += 1
            else:
                neg += 1
                if f is not None: fp += 1; fps[D.paths[i]] = fps.get(D.paths[i], 0) + 1
    return dict(P=tp / max(1, tp + fp), R=tp / max(1, tp + fn), fp50=fp / neg * 50, fps=fps)

def run_parts(D, method=Method, seed=1, fraction=0.1, agreed_only=False, **kw):
    """Each page (in random order, 10 % per round) is given a `##` part of 40–600 words moved from a page of
    another persona (the donor loses it)."""
    rng = random.Random(seed + 1000)
    judged = [i for i in range(D.n) if not D.expectedPart[i] and not (agreed_only and D.disputed[i])]
    donors = {}
    for i in judged:
        for j, q in enumerate(D.parts[i]):
            if q['level'] == 2 and 40 <= q['words'] <= 600:
                donors.setdefault(D.truth[i], []).append((i, j))
    order = judged[:]; rng.shuffle(order)
    bs = max(1, round(len(judged) * fraction))
    tp = fn = fp = neg = 0; fps = {}
    for st in range(0, len(order), bs):
        batch = order[st:st + bs]; hosts = set(batch); used = set()
        raw = D.raw.copy(); E = D.E.copy()
        grafts = {}
        for i in batch:
            placed = D.secs[D.sec0[i]]['personas']
            cands = [(p, d) for p, lst in sorted(donors.items()) if p not in placed for d in lst if d[0] not in hosts and d[0] not in used]
            if not cands: continue
            p, (di, dj) = rng.choice(cands)
            used.add(di)
            q = D.parts[di][dj]
            v = dense(q['raw'], D.V)
            raw[i] += v; E[i] = E[i] + q['evidence']
            raw[di] = np.maximum(raw[di] - v, 0); E[di] = np.maximum(E[di] - q['evidence'], 0)
            grafts[i] = (v, q, p)
        m = method(D, raw, D.sec0, **kw)
        saveE = D.E; D.E = E
        try:
            for i in judged:
                flagged_other = 0
                # the page's own parts (after a move some are gone; approximate: original parts of untouched pages)
                own_parts = D.parts[i] if i not in used else []
                for q in own_parts:
                    if q['level'] < 2: continue
                    w = q['words'] + q['code'] // 4
                    if m.decide_part(i, dense(q['raw'], D.V), q['evidence'], w, E[i], raw[i]) is not None: flagged_other += 1
                if i in grafts:
                    v, q, p = grafts[i]
                    hit = m.decide_part(i, v, q['evidence'], q['words'] + q['code'] // 4, E[i], raw[i]) is not None
                    if hit: tp += 1
                    else: fn += 1
                neg += 1
                fp += flagged_other
                if flagged_other: fps[D.paths[i]] = fps.get(D.paths[i], 0) + flagged_other
        finally:
            D.E = saveE
    return dict(P=tp / max(1, tp + fp), R=tp / max(1, tp + fn), fp50=fp / neg * 50, fps=fps)

def show(name, r):
    return "%s P %.3f R %.3f fp50 %.2f" % (name, r['P'], r['R'], r['fp50'])

if __name__ == '__main__':
    D = Data(sys.argv[1])
    agreed = '--agreed-only' in sys.argv
    for seed in [1, 2, 3, 4]:
        print(show('pages seed %d' % seed, run_pages(D, seed=seed, agreed_only=agreed)))
        print(show('parts seed %d' % seed, run_parts(D, seed=seed, agreed_only=agreed)))
