using System.Net;
using System.Text.RegularExpressions;

namespace PatchDb.Tests.Web;

/// <summary>The static sign-in page driven without a browser: its hidden fields (handler, antiforgery token) plus the
/// two inputs, posted as a browser would.</summary>
internal static partial class SignInForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string username, string password, CancellationToken ct)
    {
        var html = await browser.GetStringAsync("signin", ct);
        var form = new Dictionary<string, string>();
        foreach (Match input in InputTag().Matches(html))
        {
            var name = Attribute(input.Value, "name");
            if (name is not null)
            {
                form[name] = Attribute(input.Value, "id") switch
                {
                    "username" => username,
                    "password" => password,
                    _ => WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? ""),
                };
            }
        }
        return await browser.PostAsync("signin", new FormUrlEncodedContent(form), ct);
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"""\s{name}="([^"]*)" """.TrimEnd()) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex InputTag();
}
