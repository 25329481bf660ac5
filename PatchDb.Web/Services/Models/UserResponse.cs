namespace PatchDb.Web.Services.Models;

public sealed record UserResponse(long Id, string Username);
