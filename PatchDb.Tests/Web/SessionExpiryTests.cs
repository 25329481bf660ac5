using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Tests.Infrastructure;
using PatchDb.Web.Components.Pages;
using PatchDb.Web.Services;

namespace PatchDb.Tests.Web;

public sealed class SessionExpiryTests : BunitContext
{
    [Fact]
    public void An_expired_Api_token_sends_the_user_to_sign_in_and_back()
    {
        var expired = new ApiSession(Guid.NewGuid(), "collector", "token", DateTimeOffset.UtcNow.AddMinutes(-1));
        Services.AddScoped<AuthenticationStateProvider>(_ => AuthStates.For(expired));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ApiStatus>();
        // Nothing listens here: the expiry is noticed before any call is made.
        Services.AddSingleton(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/") });
        Services.AddScoped<ApiClient>();
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("groups/abc");

        Render<Home>();

        var redirect = navigation.History.First();
        Assert.Equal("signin?expired=true&returnUrl=%2Fgroups%2Fabc", redirect.Uri);
        Assert.True(redirect.Options.ForceLoad);
        Assert.True(Services.GetRequiredService<ApiStatus>().IsReachable);
    }
}
