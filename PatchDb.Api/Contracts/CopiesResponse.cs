namespace PatchDb.Api.Contracts;

public sealed record CopiesResponse(Guid Id, int Copies, int Spares);
