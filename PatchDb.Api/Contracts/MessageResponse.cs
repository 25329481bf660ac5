namespace PatchDb.Api.Contracts;

public sealed record MessageResponse(string Message);
