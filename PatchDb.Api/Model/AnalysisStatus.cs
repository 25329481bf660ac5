namespace PatchDb.Api.Model;

public enum AnalysisStatus
{
    Pending = 0,
    Analyzed = 1,
    // The Embedder refused the bytes after the upload was accepted (only possible for queued analyses).
    Failed = 2,
}
