using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using PatchDb.Api.Infrastructure;

namespace PatchDb.Api.Auth;

/// <summary>Every <c>/{user_id}/…</c> route belongs to the token's subject only. Another user's id answers 404, the
/// same as an unknown id, so the response reveals nothing about other accounts. An access token outlives its account
/// (it stays valid until it expires), so the subject must still exist: a deleted account's token also answers 404.</summary>
public sealed class UserRouteFilter : IEndpointFilter
{
    public const string RouteParameter = "user_id";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var subject = http.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var routeUser = http.Request.RouteValues[RouteParameter] as string;
        if (subject is null || routeUser is null || !Guid.TryParse(subject, out var s) || !Guid.TryParse(routeUser, out var r) || s != r
            || !await http.RequestServices.GetRequiredService<PatchDbContext>().Users.AnyAsync(u => u.Id == s, http.RequestAborted))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "No such user.");
        }
        return await next(context);
    }
}
