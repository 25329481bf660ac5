namespace PatchDb.Web.Services.Models;

public sealed record CreateGroupResponse(string? Message, Guid? Id);
