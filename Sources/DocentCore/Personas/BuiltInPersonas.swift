/// The personas Docent knows out of the box: the five reader groups of a developer-portal
/// documentation set (people who use the portal, run it, extend it, work on the project upstream, or
/// decide on its adoption), plus the evaluator who has not deployed anything yet.
///
/// Signals are deliberately generic — words and code traits any docs set for such a product uses —
/// never names of particular pages or folders. Weights: 3 is a strong sign on its own, 1 a mild hint.
enum BuiltInPersonas {
    static let all: [Persona] = [endUser, administrator, integrator, contributor, businessStakeholder, evaluator]

    static let endUser = Persona(
        id: "end-user", title: "End User", aliases: ["User", "End User", "End-User"],
        style: "Task guides for people working in a running portal: finding services and owners, registering or creating components, searching, reading docs and using plugins through the interface — step by step, in terms of what to click and what appears, with no configuration files or code.",
        signals: [
            PersonaSignal("click", 2.5, .prose), PersonaSignal("double-click", 2.5, .prose), PersonaSignal("tap", 1, .prose),
            PersonaSignal("select", 1, .prose), PersonaSignal("sidebar", 2, .prose), PersonaSignal("button", 2, .prose),
            PersonaSignal("tab", 1, .prose), PersonaSignal("drop-down", 1.5, .prose), PersonaSignal("dropdown", 1.5, .prose),
            PersonaSignal("menu", 1.5, .prose), PersonaSignal("icon", 1.5, .prose), PersonaSignal("scroll", 1.5, .prose),
            PersonaSignal("open … page", 2, .prose), PersonaSignal("go to … page", 2, .prose), PersonaSignal("navigate to", 1.5, .prose),
            PersonaSignal("search box", 2, .prose), PersonaSignal("search bar", 2, .prose), PersonaSignal("log in", 1.5, .prose),
            PersonaSignal("sign in", 1, .prose), PersonaSignal("your browser", 2, .prose), PersonaSignal("browser", 1, .prose),
            PersonaSignal("fill in", 1.5, .prose), PersonaSignal("form", 1, .prose), PersonaSignal("card", 1, .prose),
            PersonaSignal("entity page", 1.5, .prose), PersonaSignal("catalog page", 1.5, .prose), PersonaSignal("screenshot", 1, .prose),
            PersonaSignal("you will see", 1.5, .prose), PersonaSignal("you can see", 1, .prose), PersonaSignal("appears", 1, .prose),
            PersonaSignal("star", 1, .prose), PersonaSignal("favorite", 1, .prose), PersonaSignal("your profile", 1.5, .prose),
            PersonaSignal("hover over", 1.5, .prose), PersonaSignal("filter", 0.5, .prose), PersonaSignal("web page", 1, .prose),
            PersonaSignal("you should see", 1.5, .prose), PersonaSignal("press", 1, .prose), PersonaSignal("type in", 1, .prose),
            PersonaSignal("screen", 1, .prose), PersonaSignal("in the ui", 1.5, .prose),
        ])

    static let administrator = Persona(
        id: "administrator", title: "Administrator", aliases: ["Operator", "Admin", "Administrators", "Operators", "Admins"],
        style: "DevOps-level guides for the people who install, configure, secure, deploy, upgrade, monitor and troubleshoot a portal instance; they assume comfort with configuration files, containers, databases, identity providers and the command line.",
        signals: [
            PersonaSignal("app-config.yaml", 3), PersonaSignal("app-config", 2), PersonaSignal("app-config.production.yaml", 3),
            PersonaSignal("deploy", 1.5, .prose), PersonaSignal("deployment", 1.5, .prose), PersonaSignal("production", 1.5, .prose),
            PersonaSignal("install", 1, .prose), PersonaSignal("upgrade", 1.5, .prose), PersonaSignal("configure", 1, .prose),
            PersonaSignal("configuration", 1, .prose), PersonaSignal("kubernetes", 1.5), PersonaSignal("k8s", 1.5),
            PersonaSignal("helm", 3), PersonaSignal("helm chart", 3), PersonaSignal("kubectl", 3), PersonaSignal("docker", 2),
            PersonaSignal("docker compose", 2.5), PersonaSignal("docker-compose", 2.5), PersonaSignal("container", 1.5, .prose),
            PersonaSignal("namespace", 1, .prose), PersonaSignal("pod", 1.5), PersonaSignal("cluster", 1, .prose),
            PersonaSignal("ingress", 2), PersonaSignal("load balancer", 2), PersonaSignal("postgres", 2), PersonaSignal("postgresql", 2),
            PersonaSignal("database", 1, .prose), PersonaSignal("sqlite", 1), PersonaSignal("connection string", 2),
            PersonaSignal("environment variable", 2.5, .prose), PersonaSignal("env var", 2.5, .prose), PersonaSignal("secret", 1.5, .prose),
            PersonaSignal("credentials", 1.5, .prose), PersonaSignal("certificate", 1.5, .prose), PersonaSignal("tls", 1.5),
            PersonaSignal("reverse proxy", 2), PersonaSignal("identity provider", 1.5, .prose), PersonaSignal("client id", 2),
            PersonaSignal("client secret", 2), PersonaSignal("clientId", 2, .code), PersonaSignal("clientSecret", 2, .code),
            PersonaSignal("single sign-on", 1.5, .prose), PersonaSignal("sso", 1.5, .prose), PersonaSignal("ldap", 1.5),
            PersonaSignal("monitoring", 1.5, .prose), PersonaSignal("prometheus", 2.5), PersonaSignal("grafana", 2),
            PersonaSignal("health check", 2), PersonaSignal("troubleshoot", 1.5, .prose), PersonaSignal("backup", 2),
            PersonaSignal("replicas", 2), PersonaSignal("cpu", 1.5), PersonaSignal("nginx", 2), PersonaSignal("terraform", 2),
            PersonaSignal("on-call", 0.5, .prose), PersonaSignal("restart", 1), PersonaSignal("rollout", 1, .code),
            PersonaSignal("apiVersion", 2.5, .code), PersonaSignal("secretKeyRef", 2.5, .code), PersonaSignal("valueFrom", 2, .code),
            PersonaSignal("backend.add", 1.5, .code), PersonaSignal("yarn --cwd packages", 1.5, .code),
            PersonaSignal("yarn workspace", 1, .code), PersonaSignal("systemctl", 2.5, .code), PersonaSignal("sudo", 1.5, .code),
            PersonaSignal("env vars", 2, .environmentVariables),
            PersonaSignal("yaml", 1.5, .codeLanguage), PersonaSignal("yml", 1.5, .codeLanguage), PersonaSignal("dockerfile", 3, .codeLanguage),
            PersonaSignal("docker", 3, .codeLanguage), PersonaSignal("hcl", 2, .codeLanguage), PersonaSignal("terraform", 2, .codeLanguage),
            PersonaSignal("bash", 0.8, .codeLanguage), PersonaSignal("sh", 0.8, .codeLanguage), PersonaSignal("shell", 0.8, .codeLanguage),
            PersonaSignal("console", 0.8, .codeLanguage), PersonaSignal("zsh", 0.8, .codeLanguage), PersonaSignal("ini", 1.5, .codeLanguage),
            PersonaSignal("toml", 1.5, .codeLanguage), PersonaSignal("env", 2, .codeLanguage), PersonaSignal("dotenv", 2, .codeLanguage),
            PersonaSignal("properties", 1.5, .codeLanguage), PersonaSignal("nginx", 2, .codeLanguage), PersonaSignal("sql", 1, .codeLanguage),
        ])

    static let integrator = Persona(
        id: "integrator", title: "Integrator", aliases: ["Builder", "Builders", "Integrators", "Plugin Developer"],
        style: "Software-engineering guides for people who extend the framework: writing frontend and backend plugins, modules and extensions, using its APIs and extension points, theming the interface, and testing and packaging their code — in TypeScript and React, assuming a strong programming background.",
        signals: [
            PersonaSignal("extension point", 3), PersonaSignal("extension", 1.5, .prose), PersonaSignal("api", 1, .prose),
            PersonaSignal("utility api", 2.5), PersonaSignal("interface", 1.5, .prose), PersonaSignal("typescript", 2),
            PersonaSignal("react", 2), PersonaSignal("hook", 1.5, .prose), PersonaSignal("frontend plugin", 2, .prose),
            PersonaSignal("backend plugin", 2, .prose), PersonaSignal("backend module", 2.5, .prose), PersonaSignal("module", 1, .prose),
            PersonaSignal("dependency injection", 2), PersonaSignal("implement", 1.5, .prose), PersonaSignal("implementation", 1.5, .prose),
            PersonaSignal("export", 1, .prose), PersonaSignal("unit test", 2), PersonaSignal("jest", 2.5), PersonaSignal("mock", 2),
            PersonaSignal("function", 1, .prose), PersonaSignal("class", 1, .prose), PersonaSignal("method", 1, .prose),
            PersonaSignal("async", 1.5, .prose), PersonaSignal("promise", 1.5, .prose), PersonaSignal("router", 1.5, .prose),
            PersonaSignal("yarn new", 3), PersonaSignal("theme", 1.5, .prose), PersonaSignal("material ui", 2), PersonaSignal("mui", 2),
            PersonaSignal("node.js", 1.5), PersonaSignal("express", 2), PersonaSignal("openapi", 1.5), PersonaSignal("custom action", 2, .prose),
            PersonaSignal("field extension", 2.5), PersonaSignal("callback", 1.5, .prose), PersonaSignal("props", 2), PersonaSignal("jsx", 2),
            PersonaSignal("component library", 1.5, .prose), PersonaSignal("codebase", 1, .prose), PersonaSignal("package", 0.5, .prose),
            PersonaSignal("import", 1, .code), PersonaSignal("export", 1, .code), PersonaSignal("const", 0.8, .code),
            PersonaSignal("async", 1, .code), PersonaSignal("await", 1, .code), PersonaSignal("interface", 1.5, .code),
            PersonaSignal("function", 1, .code), PersonaSignal("return", 0.8, .code), PersonaSignal("class", 1, .code),
            PersonaSignal("createPlugin", 3, .code), PersonaSignal("createBackendPlugin", 3, .code), PersonaSignal("createBackendModule", 3, .code),
            PersonaSignal("createExtension", 3, .code), PersonaSignal("createFrontendPlugin", 3, .code), PersonaSignal("createExtensionPoint", 3, .code),
            PersonaSignal("createServiceRef", 3, .code), PersonaSignal("createServiceFactory", 3, .code), PersonaSignal("createApiRef", 3, .code),
            PersonaSignal("createApiFactory", 3, .code), PersonaSignal("createRoutableExtension", 3, .code),
            PersonaSignal("createComponentExtension", 3, .code), PersonaSignal("createTemplateAction", 3, .code),
            PersonaSignal("createRouteRef", 3, .code), PersonaSignal("createPermission", 2.5, .code),
            PersonaSignal("registerInit", 3, .code), PersonaSignal("coreServices", 3, .code), PersonaSignal("useApi", 3, .code),
            PersonaSignal("useState", 2.5, .code), PersonaSignal("useEffect", 2.5, .code), PersonaSignal("props", 2, .code),
            PersonaSignal("describe", 1.5, .code), PersonaSignal("expect", 1.5, .code), PersonaSignal("render", 1, .code),
            PersonaSignal("yarn dev", 2, .code), PersonaSignal("yarn start", 1.5, .code), PersonaSignal("yarn test", 2, .code),
            PersonaSignal("yarn link", 2), PersonaSignal("debugger", 2, .prose), PersonaSignal("breakpoint", 2, .prose),
            PersonaSignal("hot reloading", 2, .prose), PersonaSignal("source map", 2, .prose), PersonaSignal("your plugin", 2, .prose),
            PersonaSignal("plugin author", 2.5, .prose), PersonaSignal("React components", 2, .reactComponents),
            PersonaSignal("tsx", 3, .codeLanguage), PersonaSignal("jsx", 3, .codeLanguage), PersonaSignal("ts", 2, .codeLanguage),
            PersonaSignal("typescript", 2, .codeLanguage), PersonaSignal("js", 1.5, .codeLanguage), PersonaSignal("javascript", 1.5, .codeLanguage),
        ])

    static let contributor = Persona(
        id: "contributor", title: "Contributor", aliases: ["Contributors", "Maintainer", "Maintainers"],
        style: "Guides for people who improve the upstream project itself: forking the monorepo, setting up a development environment, writing tests and documentation, opening and reviewing pull requests, changesets and releases, and how the community works together.",
        signals: [
            PersonaSignal("pull request", 3), PersonaSignal("changeset", 3), PersonaSignal("monorepo", 2.5), PersonaSignal("code review", 3),
            PersonaSignal("review", 1, .prose), PersonaSignal("reviewer", 2, .prose), PersonaSignal("maintainer", 2.5, .prose),
            PersonaSignal("upstream", 2.5, .prose), PersonaSignal("fork", 2.5), PersonaSignal("open source", 1.5, .prose),
            PersonaSignal("contribute", 2.5, .prose), PersonaSignal("contributing", 2.5, .prose), PersonaSignal("contributor", 2.5, .prose),
            PersonaSignal("contribution", 2.5, .prose), PersonaSignal("good first issue", 3), PersonaSignal("issue", 1, .prose),
            PersonaSignal("sign-off", 3), PersonaSignal("signed-off-by", 3), PersonaSignal("dco", 3), PersonaSignal("commit message", 2.5),
            PersonaSignal("commit", 1.5, .prose), PersonaSignal("rebase", 2.5), PersonaSignal("branch", 1.5, .prose), PersonaSignal("merge", 1, .prose),
            PersonaSignal("release notes", 1.5, .prose), PersonaSignal("community", 1.5, .prose), PersonaSignal("discord", 2),
            PersonaSignal("code of conduct", 3), PersonaSignal("storybook", 1.5), PersonaSignal("lint", 1.5), PersonaSignal("prettier", 1.5),
            PersonaSignal("api report", 2.5), PersonaSignal("project area", 2), PersonaSignal("git clone", 2, .code),
            PersonaSignal("git checkout", 2, .code), PersonaSignal("git commit", 2.5, .code), PersonaSignal("git push", 2, .code),
            PersonaSignal("git rebase", 2.5, .code), PersonaSignal("yarn changeset", 3, .code), PersonaSignal("gh pr", 3, .code),
            PersonaSignal("diff", 1, .codeLanguage),
        ])

    static let businessStakeholder = Persona(
        id: "business-stakeholder", title: "Business Stakeholder",
        aliases: ["Product Manager", "Product Managers", "Business", "Stakeholder", "Stakeholders", "Business Stakeholders"],
        style: "Strategic guides for the people who decide on and drive adoption: use cases, value and return on investment, adoption and rollout strategies, measuring success, and case studies from other organizations — no configuration or code.",
        signals: [
            PersonaSignal("adoption", 3, .prose), PersonaSignal("adopt", 2, .prose), PersonaSignal("stakeholder", 3, .prose),
            PersonaSignal("leadership", 3, .prose), PersonaSignal("executive", 2.5, .prose), PersonaSignal("roi", 3, .prose),
            PersonaSignal("return on investment", 3, .prose), PersonaSignal("investment", 2, .prose), PersonaSignal("cost", 1.5, .prose),
            PersonaSignal("budget", 2.5, .prose), PersonaSignal("business", 2, .prose), PersonaSignal("strategy", 2.5, .prose),
            PersonaSignal("strategic", 2.5, .prose), PersonaSignal("metrics", 1.5, .prose), PersonaSignal("kpi", 3, .prose),
            PersonaSignal("measure success", 2.5, .prose), PersonaSignal("success", 1, .prose), PersonaSignal("productivity", 2, .prose),
            PersonaSignal("developer experience", 1.5, .prose), PersonaSignal("satisfaction", 2, .prose), PersonaSignal("survey", 2, .prose),
            PersonaSignal("case study", 3, .prose), PersonaSignal("organization", 1.5, .prose), PersonaSignal("rollout", 2, .prose),
            PersonaSignal("pilot", 2, .prose), PersonaSignal("use case", 1.5, .prose), PersonaSignal("value", 1, .prose),
            PersonaSignal("value proposition", 3, .prose), PersonaSignal("champion", 2, .prose), PersonaSignal("time to market", 2.5, .prose),
            PersonaSignal("onboarding", 1.5, .prose), PersonaSignal("efficiency", 2, .prose), PersonaSignal("headcount", 2.5, .prose),
            PersonaSignal("buy-in", 3, .prose), PersonaSignal("evangelize", 2, .prose), PersonaSignal("internal marketing", 2, .prose),
            PersonaSignal("quarter", 1.5, .prose), PersonaSignal("okr", 3, .prose), PersonaSignal("revenue", 2.5, .prose),
            PersonaSignal("engineering managers", 2, .prose), PersonaSignal("product manager", 2, .prose),
        ])

    static let evaluator = Persona(
        id: "evaluator", title: "Evaluator", aliases: ["Evaluators"],
        style: "Orientation for people deciding, before any deployment, whether the product suits their organization: what it is and offers, how it compares with alternatives, and how to try it out.",
        signals: [
            PersonaSignal("evaluate", 3, .prose), PersonaSignal("evaluation", 3, .prose), PersonaSignal("try it out", 2, .prose),
            PersonaSignal("demo", 2.5, .prose), PersonaSignal("trial", 2, .prose), PersonaSignal("compare", 1.5, .prose),
            PersonaSignal("alternative", 1.5, .prose), PersonaSignal("proof of concept", 3, .prose), PersonaSignal("suitable", 2, .prose),
            PersonaSignal("what is", 1, .prose), PersonaSignal("overview", 1, .prose), PersonaSignal("decide", 1, .prose),
        ])
}
