;;; starlint-eglot.el --- starlint's language server for Eglot  -*- lexical-binding: t; -*-

;; Load this file from your init file, or copy the form below into it. `starlint' must be on
;; PATH (`pip install starlint'). Then `M-x eglot' in a Markdown buffer (or add `eglot-ensure'
;; to `markdown-mode-hook'). tests/e2e/run.sh --eglot loads this very file.

;;; Code:

(require 'eglot)

(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) "starlint" "lsp"))

(provide 'starlint-eglot)
;;; starlint-eglot.el ends here
