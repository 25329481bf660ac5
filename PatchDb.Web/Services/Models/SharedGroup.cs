namespace PatchDb.Web.Services.Models;

/// <summary><c>Cover</c>: the Api path of the square cover behind the link (<c>/shared/{token}/images/…</c>).</summary>
public sealed record SharedGroup(string Name, int Copies, int Spares, string? Cover);
