namespace PatchDb.Api.Contracts;

/// <summary><c>cover</c> is the path of the group's square cover behind the link; null until a photo is analysed.</summary>
public sealed record SharedGroupResponse(string Name, int Copies, int Spares, string? Cover);
