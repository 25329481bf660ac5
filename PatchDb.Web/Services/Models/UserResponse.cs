namespace PatchDb.Web.Services.Models;

public sealed record UserResponse(Guid Id, string Username);
