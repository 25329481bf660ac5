using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PatchDb.ServiceDefaults;

/// <summary>
/// Problem details for services with JSON bodies: a body that cannot be bound to its record (not JSON, a number where
/// a string belongs, a blob that is not base64) is a 400 validation problem naming the field, like the handlers' own
/// validation errors. Answering it as problem+json is the app's exception handler's job; this only shapes the problem.
/// </summary>
public static class JsonBindingProblems
{
    /// <summary>Adds problem details whose binding failures name the field, then applies <paramref name="customize"/>.
    /// Minimal APIs throw on a bad request in every environment (by default only in Development), so the exception,
    /// which carries the field, reaches the exception handler instead of ending as a bare 400.</summary>
    public static IServiceCollection AddJsonBindingProblemDetails(this IServiceCollection services,
        Action<ProblemDetailsContext>? customize = null)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            NameTheField(context);
            customize?.Invoke(context);
        });
    }

    internal static void NameTheField(ProblemDetailsContext context)
    {
        if (context.Exception is BadHttpRequestException { InnerException: JsonException json })
        {
            // "$.candidates[2]" → "candidates[2]"; a body that is not JSON at all has the path "$" or none.
            var field = json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            context.ProblemDetails.Title = "One or more validation errors occurred.";
            context.ProblemDetails.Detail = "The request body is not valid JSON for this operation.";
            context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [field] = [$"The value of '{field}' is not valid."],
            };
        }
    }
}
