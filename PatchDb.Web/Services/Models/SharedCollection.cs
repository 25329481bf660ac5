namespace PatchDb.Web.Services.Models;

public sealed record SharedCollection(string Username, string Scope, IReadOnlyList<SharedGroup> Groups);
