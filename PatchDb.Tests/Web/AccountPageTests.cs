using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PatchDb.Tests.Infrastructure;
using PatchDb.Web.Components.Account;
using PatchDb.Web.Services;

namespace PatchDb.Tests.Web;

/// <summary>Form validation happens before any Api call, so the Api here is an address where nothing listens.</summary>
public sealed class AccountPageTests : BunitContext
{
    public AccountPageTests()
    {
        Services.AddScoped<AuthenticationStateProvider>(_ => AuthStates.Anonymous());
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ApiStatus>();
        Services.AddSingleton(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/") });
        Services.AddScoped<ApiClient>();
    }

    [Fact]
    public void Sign_up_names_each_problem_next_to_its_field()
    {
        var cut = Render<SignUp>(ps => ps.AddCascadingValue(new DefaultHttpContext()));

        cut.Find("#username").Change("x");
        cut.Find("#password").Change("short");
        cut.Find("#confirm").Change("other");
        cut.Find("form").Submit();

        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Contains("A username has 3 to 64 characters.", messages);
        Assert.Contains("A password has at least 8 characters.", messages);
        Assert.Contains("The two passwords differ.", messages);
        Assert.Empty(cut.FindAll(".alert.error"));
    }

    [Fact]
    public void Sign_in_asks_for_both_fields()
    {
        var cut = Render<SignIn>(ps => ps.AddCascadingValue(new DefaultHttpContext()));

        cut.Find("form").Submit();

        var messages = cut.FindAll(".validation-message").Select(m => m.TextContent).ToList();
        Assert.Equal(["Enter your username.", "Enter your password."], messages);
        Assert.NotNull(cut.Find("label[for=username]"));
        Assert.Equal("current-password", cut.Find("#password").GetAttribute("autocomplete"));
    }

    [Fact]
    public void Sign_in_with_the_Api_down_says_so_in_words()
    {
        var cut = Render<SignIn>(ps => ps.AddCascadingValue(new DefaultHttpContext()));

        cut.Find("#username").Change("collector");
        cut.Find("#password").Change("long enough");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("cannot be reached", cut.Find(".alert.error").TextContent), TimeSpan.FromSeconds(30));
        Assert.False(Services.GetRequiredService<ApiStatus>().IsReachable);
    }
}
