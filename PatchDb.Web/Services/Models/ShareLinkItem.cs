namespace PatchDb.Web.Services.Models;

public sealed record ShareLinkItem(Guid Id, string Scope, Guid? GroupId, string? GroupName, DateTimeOffset CreatedAt, DateTimeOffset? LastOpenedAt);
