// Being built: see the web workbench issue.
export default function AuditPage() {
  return null;
}
