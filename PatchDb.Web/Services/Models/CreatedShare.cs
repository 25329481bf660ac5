namespace PatchDb.Web.Services.Models;

/// <summary>A new share link; its token is shown this once (the Api keeps only a hash).</summary>
public sealed record CreatedShare(Guid Id, string Token, string Path, string Scope, Guid? GroupId, DateTimeOffset CreatedAt);
