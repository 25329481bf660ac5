namespace PatchDb.Api.Contracts;

public sealed record ImageRefResponse(Guid Id, string Path);
