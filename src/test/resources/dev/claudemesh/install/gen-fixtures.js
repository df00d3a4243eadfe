// Generates test fixtures exactly as Claude Code writes its config: JSON.stringify(value, null, 2).
const fs = require('fs');
const settings = {
  "$schema": "https://json.schemastore.org/claude-code-settings.json",
  env: { ANTHROPIC_MODEL: "claude-sonnet", MAX_THINKING_TOKENS: "8000" },
  permissions: {
    allow: ["Bash(git status:*)", "WebSearch", "mcp__github"],
    deny: ["Read(./.env)"],
    ask: [],
    defaultMode: "acceptEdits"
  },
  hooks: {
    PreToolUse: [
      { matcher: "Bash", hooks: [{ type: "command", command: "~/.local/bin/audit-bash --strict", timeout: 5 }] }
    ],
    Stop: [
      { hooks: [{ type: "command", command: "notify-send 'Claude finished'" }] }
    ],
    Notification: []
  },
  model: "opus",
  cleanupPeriodDays: 30,
  spinnerTipsEnabled: false,
  feedbackSurveyRate: 0.05,
  enabledPlugins: { "pr-review@claude-plugins": true }
};
fs.writeFileSync('settings-others.json', JSON.stringify(settings, null, 2));
const withStatus = Object.assign({}, settings, {
  statusLine: { type: "command", command: "~/.claude/statusline.sh", padding: 1 }
});
fs.writeFileSync('settings-foreign-statusline.json', JSON.stringify(withStatus, null, 2));
const claude = {
  numStartups: 42,
  installMethod: "npm",
  autoUpdates: false,
  tipsHistory: { "new-user-warmup": 7, "memory-command": 3 },
  firstStartTime: "2026-10-01T09:12:44.120Z",
  userID: "c0ffee0000000000000000000000000000000000000000000000000000000001",
  hasCompletedOnboarding: true,
  lastOnboardingVersion: "2.1.332",
  customApiKeyResponses: { approved: ["abcdefghij0123456789"], rejected: [] },
  projects: {
    "/home/dev/café ☕/日本語": {
      allowedTools: [],
      history: [{ display: "fix the \"quoted\" bug\tplease\nthen test \\ it", pastedContents: {} }],
      mcpContextUris: [],
      mcpServers: {},
      enabledMcpjsonServers: [],
      disabledMcpjsonServers: [],
      hasTrustDialogAccepted: true,
      projectOnboardingSeenCount: 1,
      lastCost: 0.12345,
      lastAPIDuration: 10234,
      lastTotalInputTokens: 123456789012,
      lastSessionId: "5f0e4c1e-9d8b-4e1a-8a57-0f1c2d3e4f50",
      exampleFiles: ["src/Main.java", "README.md"]
    },
    "/home/dev/emoji-🚀": { allowedTools: [], hasTrustDialogAccepted: false, weird: "ctl\u0001\u001f del\u007f ls\u2028ps\u2029 </script> lone\ud800 pair😀 end" }
  },
  mcpServers: {
    github: { type: "stdio", command: "npx", args: ["-y", "@modelcontextprotocol/server-github"], env: { GITHUB_TOKEN: "ghp_xxx" } },
    remote: { type: "http", url: "https://mcp.example.com/mcp" }
  },
  bigNumber: 1e21,
  small: 1.5e-7,
  negZero: -0,
  oauthAccount: null
};
fs.writeFileSync('claude-others.json', JSON.stringify(claude, null, 2));
const corner = {
  "": "empty key",
  "key \"with\" \\ escapes\n": [[], {}, [[]], [{}], [1, [2, [3]]], { a: { b: { c: {} } } }],
  strings: ["\b\f\n\r\t", "\u0000\u000b\u001b", "/slash", "é ü ß 中文 🎉", "\ud83d", "\udc00x", "\u2028\u2029"],
  numbers: [0, -1, 2147483648, 9007199254740993n.toString(), 3.14, -2.5e-10, 1e300],
  booleans: [true, false, null]
};
fs.writeFileSync('corner-indent2.json', JSON.stringify(corner, null, 2));
fs.writeFileSync('corner-indent4-newline.json', JSON.stringify(corner, null, 4) + "\n");
fs.writeFileSync('corner-tab.json', JSON.stringify(corner, null, "\t"));
fs.writeFileSync('corner-compact.json', JSON.stringify(corner));
