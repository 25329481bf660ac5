using PatchDb.Api.Auth;

namespace PatchDb.Api.Apis;

internal static class UserRoutes
{
    /// <summary>The <c>/{user_id}</c> prefix: a valid token for that very user is required.</summary>
    public static RouteGroupBuilder MapUserGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup($"/{{{UserRouteFilter.RouteParameter}:guid}}")
            .RequireAuthorization()
            .AddEndpointFilter<UserRouteFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);
}
