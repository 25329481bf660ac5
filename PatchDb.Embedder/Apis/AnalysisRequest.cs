namespace PatchDb.Embedder.Apis;

public sealed record AnalysisRequest(HttpContext HttpContext, AnalysisServices Services);
