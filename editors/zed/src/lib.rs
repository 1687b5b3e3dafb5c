//! Zed extension: starts `docent lsp` for Markdown and MDX.
//!
//! The binary is `lsp.docent.binary.path` from Zed's settings when set, else `docent` on the
//! worktree's PATH. `lsp.docent.settings` is sent as initializationOptions and answered to
//! workspace/configuration.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

struct DocentExtension;

impl zed::Extension for DocentExtension {
    fn new() -> Self {
        DocentExtension
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let command = binary
            .as_ref()
            .and_then(|binary| binary.path.clone())
            .or_else(|| worktree.which("docent"))
            .ok_or_else(|| {
                "docent is not on PATH; set lsp.docent.binary.path in Zed's settings".to_string()
            })?;
        let args = binary
            .and_then(|binary| binary.arguments)
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        Ok(zed::Command {
            command,
            args,
            env: Default::default(),
        })
    }

    fn language_server_initialization_options(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        // `initialization_options` when the user gives them, as Zed's docs describe; else `settings`,
        // which holds the same `docent.rules`.
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.initialization_options.or(settings.settings)))
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.settings))
    }
}

zed::register_extension!(DocentExtension);
