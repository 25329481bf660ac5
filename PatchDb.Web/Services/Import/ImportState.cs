namespace PatchDb.Web.Services.Import;

public enum ImportState
{
    Queued,
    Sending,
    Analysing,
    Filing,
    Filed,
    InTray,
    Failed,
}
