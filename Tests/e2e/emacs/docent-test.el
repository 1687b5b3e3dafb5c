;;; docent-test.el --- Eglot in batch mode against the built `docent lsp'  -*- lexical-binding: t; -*-

;; timeout 120 emacs --batch -l Tests/e2e/emacs/docent-test.el
;;
;; Uses editors/emacs/docent.el with Eglot (Debian's elpa-eglot) on fixtures/portal: hover, completion
;; through `completion-at-point-functions', Flymake diagnostics at the right lines, and edits made in
;; the buffer that update them.  Environment: DOCENT_BIN (default .build/debug/docent), DOCENT_RULES
;; (space-separated codes; default `docent rules'), DOCENT_E2E_TIMEOUT (watchdog seconds, default
;; 120), DOCENT_E2E_CAPTURE (a directory for a text capture of hover and an inline warning).
;; Exit code 0 when every check passed, 1 when one failed, 3 when the watchdog fired.
;;
;; Batch Emacs has no command loop: post-command hooks and idle timers never run on their own.  The
;; test therefore runs `post-command-hook' once to let `eglot-ensure' connect, starts Flymake with
;; `flymake-start', and flushes buffer changes with `eglot--signal-textDocument/didChange' where an
;; interactive Emacs would do so after `eglot-send-changes-idle-time'.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defconst docent-test-repo
  (expand-file-name "../../.." (file-name-directory (or load-file-name buffer-file-name))))
(defconst docent-test-portal (expand-file-name "fixtures/portal" docent-test-repo))
(defconst docent-test-bin
  (expand-file-name (or (getenv "DOCENT_BIN") ".build/debug/docent") docent-test-repo))
(defconst docent-test-step 15 "Seconds any single wait may take.")

(defvar docent-test-passed 0)
(defvar docent-test-failed 0)
(defvar docent-test-skipped 0)

(defun docent-test-out (format-string &rest args)
  (princ (concat (apply #'format format-string args) "\n") #'external-debugging-output))

(defun docent-test-print (format-string &rest args)
  "Print to stdout (batch `princ' with t goes to stdout)."
  (princ (concat (apply #'format format-string args) "\n") t))

;; The watchdog: timers run while the test waits in `accept-process-output'.
(let ((limit (string-to-number (or (getenv "DOCENT_E2E_TIMEOUT") "120"))))
  (run-at-time (if (> limit 0) limit 120) nil
               (lambda ()
                 (docent-test-print "Bail out! emacs watchdog: the test did not finish in time")
                 (kill-emacs 3))))

(defmacro docent-test-check (name &rest body)
  (declare (indent 1))
  `(condition-case err
       (progn ,@body
              (cl-incf docent-test-passed)
              (docent-test-print "ok - %s" ,name))
     (error
      (cl-incf docent-test-failed)
      (docent-test-print "not ok - %s\n#   %s" ,name (error-message-string err)))))

(defun docent-test-skip (name reason)
  (cl-incf docent-test-skipped)
  (docent-test-print "ok - %s # SKIP %s" name reason))

(defun docent-test-wait (what predicate)
  "Process server output until PREDICATE holds, or fail after `docent-test-step' seconds."
  (let ((deadline (+ (float-time) docent-test-step)))
    (while (not (funcall predicate))
      (when (> (float-time) deadline)
        (error "Timed out after %ss waiting for %s" docent-test-step what))
      (accept-process-output nil 0.05))))

(defun docent-test-expect (condition format-string &rest args)
  (unless condition (error "%s" (apply #'format format-string args))))

;;; Setup

(require 'eglot)
(add-to-list 'load-path (expand-file-name "editors/emacs" docent-test-repo))
(require 'docent)
;; markdown-mode is not part of Emacs; without the package, a stand-in with the same name is
;; enough for Eglot, which only looks at the major mode.
(unless (require 'markdown-mode nil t)
  (define-derived-mode markdown-mode text-mode "Markdown"))
(add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode))
(add-hook 'markdown-mode-hook #'eglot-ensure)   ; the configuration docent's README gives
(setq docent-executable docent-test-bin
      eglot-sync-connect t
      eglot-connect-timeout docent-test-step
      eglot-autoshutdown t
      make-backup-files nil
      create-lockfiles nil)

(defvar docent-test-rules
  (let ((listed (getenv "DOCENT_RULES")))
    (if (and listed (not (string-empty-p listed)))
        (split-string listed)
      (mapcar (lambda (line) (car (split-string line)))
              (split-string (shell-command-to-string
                             (format "timeout 10 %s rules" (shell-quote-argument docent-test-bin)))
                            "\n" t)))))

(defun docent-test-file (relative) (expand-file-name relative docent-test-portal))

(defun docent-test-line-of (relative needle)
  "1-based number of the first line of RELATIVE containing NEEDLE."
  (with-temp-buffer
    (insert-file-contents (docent-test-file relative))
    (goto-char (point-min))
    (unless (search-forward needle nil t) (error "No %S in %s" needle relative))
    (line-number-at-pos)))

(defun docent-test-open (relative)
  "Visit RELATIVE as a user does; `eglot-ensure' connects on the next command."
  (let ((buffer (find-file-noselect (docent-test-file relative))))
    (with-current-buffer buffer
      (run-hooks 'post-command-hook)  ; what the command loop does after `find-file'
      (docent-test-wait "Eglot to manage the buffer" (lambda () (bound-and-true-p eglot--managed-mode)))
      (flymake-start))
    buffer))

(defun docent-test-diagnostics (buffer code)
  "Flymake diagnostics of BUFFER whose text carries [CODE], as (LINE COL TEXT MESSAGE) lists."
  (with-current-buffer buffer
    (cl-loop for diag in (flymake-diagnostics)
             for message = (flymake-diagnostic-text diag)
             for beg = (flymake-diagnostic-beg diag)
             when (string-match-p (regexp-quote (format "[%s]" code)) message)
             collect (list (line-number-at-pos beg)
                           (save-excursion (goto-char beg) (current-column))
                           (buffer-substring-no-properties beg (flymake-diagnostic-end diag))
                           message
                           (flymake-diagnostic-type diag)))))

(defun docent-test-flush (buffer)
  "Send BUFFER's pending changes now, as the idle timer would."
  (with-current-buffer buffer
    (eglot--signal-textDocument/didChange)))

(defun docent-test-capture (name lines)
  (when-let ((dir (getenv "DOCENT_E2E_CAPTURE"))
             ((not (string-empty-p dir))))
    (make-directory dir t)
    (with-temp-file (expand-file-name (concat name ".txt") dir)
      (insert (string-join lines "\n") "\n"))
    (docent-test-print "# capture written to %s/%s.txt" dir name)))

(defun docent-test-first-sense (term)
  (let* ((json (shell-command-to-string
                (format "timeout 10 %s terms --json %s" (shell-quote-argument docent-test-bin)
                        (shell-quote-argument docent-test-portal))))
         (entries (json-parse-string json :object-type 'alist :array-type 'list)))
    (car (alist-get 'senses (cl-find term entries :key (lambda (e) (alist-get 'term e)) :test #'equal)))))

;;; The scenario

(docent-test-print "# emacs %s, %s, docent %s" emacs-version (locate-library "eglot") docent-test-bin)

(defvar docent-test-page "docs/portal/user-guides/navigating-the-catalog.md")
(defvar docent-test-glossary "docs/reference/glossary.md")
(defvar docent-test-dochub "docs/portal/user-guides/reading-docs-in-dochub.md")
(defvar docent-test-misplaced "docs/portal/user-guides/deploy-search-backend.md")
(defvar docent-test-page-buffer nil)
(defvar docent-test-glossary-buffer nil)
(defvar docent-test-dochub-buffer nil)

(docent-test-check "eglot starts docent lsp with fixtures/portal as the project root"
  (docent-test-expect (file-executable-p docent-test-bin) "no docent at %s (run swift build)" docent-test-bin)
  (setq docent-test-page-buffer (docent-test-open docent-test-page))
  (with-current-buffer docent-test-page-buffer
    (let ((server (eglot-current-server)))
      (docent-test-expect server "no server")
      (docent-test-expect (equal (file-name-as-directory (expand-file-name (project-root (eglot--project server))))
                                 (file-name-as-directory docent-test-portal))
                          "project root is %s" (project-root (eglot--project server))))))

(docent-test-check "hover on \"Service Catalog\" shows the glossary definition"
  (with-current-buffer docent-test-page-buffer
    (goto-char (point-min))
    (search-forward "The Service Catalog is")
    (goto-char (+ (match-beginning 0) 8))
    (let* ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                   (eglot--TextDocumentPositionParams) :timeout docent-test-step))
           (contents (plist-get hover :contents))
           ;; Eglot's own rendering, as eldoc shows it.
           (info (eglot--hover-info contents (plist-get hover :range)))
           (flat (replace-regexp-in-string "[ \n]+" " " info))
           (sense (docent-test-first-sense "Service Catalog")))
      (docent-test-expect (string-match-p "Service Catalog" flat) "hover: %s" flat)
      (docent-test-expect (string-match-p (regexp-quote sense) flat) "hover lacks the definition: %s" flat)
      (docent-test-capture "emacs-hover"
                           (append (list (format "%s (point on \"Service Catalog\", line %d)"
                                                 (buffer-name) (line-number-at-pos))
                                         "---- *eldoc* ----")
                                   (split-string info "\n"))))))

(docent-test-check "completion after \"service c\" offers \"Service Catalog\"; accepting it replaces what was typed"
  (with-current-buffer docent-test-page-buffer
    (goto-char (point-max))
    (let ((start (point)))
      (insert "\nNext, open the service c")
      (docent-test-flush (current-buffer))
      ;; What a completion UI does: ask the capf, insert the chosen candidate over the capf's
      ;; region, then call its :exit-function (where Eglot applies the item's textEdit).
      (let* ((capf (eglot-completion-at-point))
             (candidates (all-completions "" (nth 2 capf)))
             (choice (car (member "Service Catalog" candidates))))
        (docent-test-expect choice "candidates: %S" candidates)
        (delete-region (nth 0 capf) (nth 1 capf))
        (goto-char (nth 0 capf))
        (insert choice)
        (funcall (plist-get (nthcdr 3 capf) :exit-function) choice 'finished)
        (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
          (docent-test-expect (equal line "Next, open the Service Catalog") "after accepting: %S" line)))
      (delete-region start (point-max))
      (docent-test-flush (current-buffer)))))

(docent-test-check "Flymake shows glossary-dangling-reference at the #User-Role line of the glossary"
  (setq docent-test-glossary-buffer (docent-test-open docent-test-glossary))
  (let ((line (docent-test-line-of docent-test-glossary "(#User-Role)")))
    (docent-test-wait "glossary-dangling-reference in Flymake"
                      (lambda () (docent-test-diagnostics docent-test-glossary-buffer "glossary-dangling-reference")))
    (let ((found (docent-test-diagnostics docent-test-glossary-buffer "glossary-dangling-reference")))
      (docent-test-expect (equal (mapcar #'car found) (list line)) "expected line %d, got %S" line found)
      (docent-test-expect (string-match-p "#User-Role" (nth 2 (car found))) "range covers %S" (nth 2 (car found)))
      (docent-test-expect (eq (nth 4 (car found)) 'eglot-warning) "type %S" (nth 4 (car found)))
      (with-current-buffer docent-test-glossary-buffer
        (goto-char (point-min))
        (forward-line (1- line))
        (let ((text (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
          (docent-test-capture "emacs-inline-warning"
                               (list (format "%s:%d" (buffer-name) line)
                                     text
                                     (concat (make-string (nth 1 (car found)) ?\s)
                                             (make-string (length (nth 2 (car found))) ?~))
                                     (format "%s:%d:%d: warning: %s" (buffer-name) line (1+ (nth 1 (car found)))
                                             (nth 3 (car found))))))))))

(if (member "term-casing" docent-test-rules)
    (docent-test-check "Flymake shows term-casing on \"Dochub\""
      (setq docent-test-dochub-buffer (docent-test-open docent-test-dochub))
      (let ((line (docent-test-line-of docent-test-dochub "open it in Dochub")))
        (docent-test-wait "term-casing at its line"
                          (lambda () (assoc line (docent-test-diagnostics docent-test-dochub-buffer "term-casing"))))
        (let ((found (assoc line (docent-test-diagnostics docent-test-dochub-buffer "term-casing"))))
          (docent-test-expect (equal (nth 2 found) "Dochub") "range covers %S" (nth 2 found))
          (docent-test-expect (eq (nth 4 found) 'eglot-warning) "type %S" (nth 4 found)))))
  (docent-test-print "# NOTICE: `docent rules' does not list term-casing yet (issue 4); its assertions are skipped")
  (docent-test-skip "Flymake shows term-casing on \"Dochub\"" "rule term-casing not in this build"))

(if (member "misplaced-document" docent-test-rules)
    (docent-test-check "Flymake shows misplaced-document at the title"
      (let* ((buffer (docent-test-open docent-test-misplaced))
             (titles (list (docent-test-line-of docent-test-misplaced "# ")
                           (docent-test-line-of docent-test-misplaced "title:"))))
        (docent-test-wait "misplaced-document" (lambda () (docent-test-diagnostics buffer "misplaced-document")))
        (let ((found (docent-test-diagnostics buffer "misplaced-document")))
          (docent-test-expect (= (length found) 1) "expected one, got %S" found)
          (docent-test-expect (memq (car (car found)) titles) "at line %d, not the title %S" (car (car found)) titles)
          (docent-test-expect (eq (nth 4 (car found)) 'eglot-warning) "type %S" (nth 4 (car found))))))
  (docent-test-print "# NOTICE: `docent rules' does not list misplaced-document yet (issue 5); its assertions are skipped")
  (docent-test-skip "Flymake shows misplaced-document at the title" "rule misplaced-document not in this build"))

(docent-test-check "fixing #User-Role in the buffer clears the Flymake diagnostic"
  (with-current-buffer docent-test-glossary-buffer
    (goto-char (point-min))
    (search-forward "#User-Role")
    (replace-match "#user-role" t t)
    (docent-test-flush (current-buffer))
    (docent-test-wait "the diagnostic to disappear"
                      (lambda () (null (docent-test-diagnostics docent-test-glossary-buffer "glossary-dangling-reference"))))))

(docent-test-check "a second \"## Service Catalog\" heading in the buffer makes glossary-duplicate appear"
  (with-current-buffer docent-test-glossary-buffer
    (goto-char (point-max))
    (insert "\n## Service Catalog\n\nA second definition of the same term.\n")
    (let ((line (save-excursion (search-backward "## Service Catalog") (line-number-at-pos))))
      (docent-test-flush (current-buffer))
      (docent-test-wait "glossary-duplicate at the new heading"
                        (lambda () (assoc line (docent-test-diagnostics docent-test-glossary-buffer "glossary-duplicate")))))))

(if (member "term-casing" docent-test-rules)
    (docent-test-check "correcting \"Dochub\" in the buffer clears term-casing"
      (with-current-buffer docent-test-dochub-buffer
        (let ((line (docent-test-line-of docent-test-dochub "open it in Dochub")))
          (goto-char (point-min))
          (search-forward "open it in Dochub")
          (replace-match "open it in DocHub" t t)
          (docent-test-flush (current-buffer))
          (docent-test-wait "term-casing to disappear"
                            (lambda () (null (assoc line (docent-test-diagnostics docent-test-dochub-buffer "term-casing"))))))))
  (docent-test-skip "correcting \"Dochub\" clears term-casing" "rule term-casing not in this build"))

(docent-test-check "nothing was written to disk"
  (docent-test-line-of docent-test-glossary "(#User-Role)"))

(docent-test-check "the server shuts down"
  (let ((server (with-current-buffer docent-test-glossary-buffer (eglot-current-server))))
    (dolist (buffer (list docent-test-page-buffer docent-test-glossary-buffer docent-test-dochub-buffer))
      (when (buffer-live-p buffer)
        (with-current-buffer buffer (set-buffer-modified-p nil))))
    (eglot-shutdown server nil docent-test-step)
    (docent-test-expect (not (jsonrpc-running-p server)) "still running")))

(docent-test-print "# emacs: %d passed, %d failed, %d skipped" docent-test-passed docent-test-failed docent-test-skipped)
(docent-test-print "1..%d" (+ docent-test-passed docent-test-failed docent-test-skipped))
(kill-emacs (if (zerop docent-test-failed) 0 1))

;;; docent-test.el ends here
