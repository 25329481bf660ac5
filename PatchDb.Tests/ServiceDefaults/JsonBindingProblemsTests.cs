using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatchDb.ServiceDefaults;

namespace PatchDb.Tests.ServiceDefaults;

/// <summary>The problem shaping both services share; over HTTP it is covered by the Api's and the Embedder's tests.</summary>
public sealed class JsonBindingProblemsTests
{
    private static ProblemDetails Shape(Exception exception, Action<ProblemDetailsContext>? customize = null)
    {
        using var services = new ServiceCollection().AddJsonBindingProblemDetails(customize).BuildServiceProvider();
        var context = new ProblemDetailsContext { HttpContext = new DefaultHttpContext(), Exception = exception };
        services.GetRequiredService<IOptions<ProblemDetailsOptions>>().Value.CustomizeProblemDetails!(context);
        return context.ProblemDetails;
    }

    private static BadHttpRequestException Unbound(string? path) =>
        new("Failed to read the body.", StatusCodes.Status400BadRequest, new JsonException("bad", path, 1, 2));

    private static string[] Fields(ProblemDetails problem) =>
        [.. ((Dictionary<string, string[]>)problem.Extensions["errors"]!).Keys];

    [Theory]
    [InlineData("$.query", "query")]
    [InlineData("$.candidates[2]", "candidates[2]")]
    [InlineData("$", "body")]
    [InlineData(null, "body")]
    public void A_body_that_does_not_bind_names_the_field(string? path, string field)
    {
        var problem = Shape(Unbound(path));

        Assert.Equal([field], Fields(problem));
        Assert.Equal("One or more validation errors occurred.", problem.Title);
    }

    [Fact]
    public void Other_exceptions_are_left_alone()
    {
        var problem = Shape(new BadHttpRequestException("Unsupported.", StatusCodes.Status415UnsupportedMediaType));

        Assert.False(problem.Extensions.ContainsKey("errors"));
    }

    [Fact]
    public void The_service_customizes_after_the_field_is_named()
    {
        string? seen = null;

        Shape(Unbound("$.query"), context => seen = context.ProblemDetails.Title);

        Assert.Equal("One or more validation errors occurred.", seen);
    }

    [Fact]
    public void Minimal_apis_throw_on_bad_requests_in_every_environment()
    {
        using var services = new ServiceCollection().AddJsonBindingProblemDetails().BuildServiceProvider();

        Assert.True(services.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest);
    }
}
