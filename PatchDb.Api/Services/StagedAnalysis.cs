using PatchDb.Api.Embedding;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

public sealed record StagedAnalysis(AnalysisResponse Analysis, StagedBlob Thumbnail, StagedBlob Square, StagedBlob? Cutout = null);
