;;; docent.el --- Docent language server for Eglot and lsp-mode  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1"))
;; Keywords: languages, docs, tools
;; URL: https://github.com/docent-lsp/docent (editors/emacs)
;; SPDX-License-Identifier: MIT

;;; Commentary:

;; Starts `docent lsp' for Markdown and MDX buffers, with either client:
;;
;;   (require 'docent)
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)   ; Eglot
;;   ;; or
;;   (add-hook 'markdown-mode-hook #'lsp-deferred)   ; lsp-mode
;;
;; Eglot: `docent' registers itself in `eglot-server-programs' for `docent-major-modes', sends
;; `docent-rules' as initializationOptions, and (with `docent-project-roots', on by default) makes a
;; directory holding docent.json the project root, so the server sees the docs workspace rather than
;; the whole repository.
;;
;; lsp-mode: a client with server id `docent' (an add-on, so it runs next to e.g. marksman) that
;; sends `docent-rules' as initializationOptions.

;;; Code:

(require 'cl-lib)
(require 'subr-x)

(defgroup docent nil
  "Docent, the documentation language server."
  :group 'tools
  :prefix "docent-")

(defcustom docent-executable "docent"
  "The docent program: a name on `exec-path' or an absolute file name."
  :type 'string)

(defcustom docent-major-modes '(markdown-mode gfm-mode markdown-ts-mode mdx-mode)
  "Major modes whose buffers Docent checks."
  :type '(repeat symbol))

(defcustom docent-rules nil
  "Editor-side rule severities, overriding docent.json.
An alist of (CODE . SEVERITY), SEVERITY one of \"error\", \"warning\",
\"information\", \"hint\" or \"off\"; for example
  \\='((\"term-casing\" . \"off\") (\"glossary-self-definition\" . \"hint\"))."
  :type '(alist :key-type (string :tag "Rule code")
                :value-type (choice (const "error") (const "warning") (const "information")
                                    (const "hint") (const "off"))))

(defcustom docent-project-roots t
  "When non-nil, a directory holding docent.json is a project root.
Files under it then share one Docent server (Eglot) whose workspace is
that directory."
  :type 'boolean)

(defun docent--command ()
  "The command line that starts the language server."
  (list docent-executable "lsp"))

(defun docent--settings ()
  "The settings {\"docent\": {\"rules\": {...}}}, as a hash table for JSON."
  (let ((rules (make-hash-table :test #'equal))
        (docent (make-hash-table :test #'equal))
        (settings (make-hash-table :test #'equal)))
    (dolist (rule docent-rules)
      (puthash (car rule) (cdr rule) rules))
    (puthash "rules" rules docent)
    (puthash "docent" docent settings)
    settings))

(defun docent-project-find (dir)
  "Find the nearest directory above DIR holding docent.json.
A member of `project-find-functions'."
  (when-let ((root (and docent-project-roots
                        (or (locate-dominating-file dir "docent.json")
                            (locate-dominating-file dir ".docent.json")))))
    (cons 'transient (file-name-as-directory (expand-file-name root)))))

(add-hook 'project-find-functions #'docent-project-find)

;;;; Eglot

(defvar eglot-server-programs)

(defun docent-eglot-contact (&optional _interactive)
  "The Eglot contact: the command, with `docent-rules' as initializationOptions."
  (append (docent--command)
          (list :initializationOptions (lambda (_server) (docent--settings)))))

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs (cons docent-major-modes #'docent-eglot-contact)))

;;;; lsp-mode

;; Rules reach lsp-mode's server as initializationOptions; after changing `docent-rules', run
;; M-x lsp-workspace-restart.

(declare-function lsp-register-client "lsp-mode")
(declare-function make-lsp-client "lsp-mode")
(declare-function lsp-stdio-connection "lsp-mode")
(declare-function lsp-activate-on "lsp-mode")
(defvar lsp-language-id-configuration)

(with-eval-after-load 'lsp-mode
  (dolist (mode '((markdown-mode . "markdown") (gfm-mode . "markdown") (markdown-ts-mode . "markdown") (mdx-mode . "mdx")))
    (add-to-list 'lsp-language-id-configuration mode))
  (lsp-register-client
   (make-lsp-client
    :new-connection (lsp-stdio-connection #'docent--command)
    :activation-fn (lsp-activate-on "markdown" "mdx")
    :server-id 'docent
    :add-on? t
    :priority -1
    :initialization-options #'docent--settings)))

(provide 'docent)
;;; docent.el ends here
