using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using PatchDb.Web.Services;

namespace PatchDb.Tests.Web;

/// <summary>The framework's own server-side authentication state, set to a given user (or nobody).</summary>
internal static class AuthStates
{
    public static ServerAuthenticationStateProvider Anonymous() => For(new ClaimsPrincipal(new ClaimsIdentity()));

    public static ServerAuthenticationStateProvider For(ApiSession session) => For(session.ToPrincipal("test"));

    private static ServerAuthenticationStateProvider For(ClaimsPrincipal user)
    {
        var provider = new ServerAuthenticationStateProvider();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        return provider;
    }
}
