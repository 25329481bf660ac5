namespace PatchDb.Api.Contracts;

public sealed record ImageMatchResponse(Guid Id, string Path, double Score);
