using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace PatchDb.Api.Extensions;

internal static class JsonErrorProblems
{
    /// <summary>A request body that is not valid JSON for its record (e.g. <c>"patch_id": 12</c>) becomes a validation
    /// problem naming the field, like the handlers' own validation errors.</summary>
    public static void NameTheField(ProblemDetailsContext context)
    {
        if (context.Exception is BadHttpRequestException { InnerException: JsonException json })
        {
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
