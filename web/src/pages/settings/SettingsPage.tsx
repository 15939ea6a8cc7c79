// Being built: see the web workbench issue.
export default function SettingsPage() {
  return null;
}
