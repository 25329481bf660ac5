using PatchDb.Web.Services.Models;

namespace PatchDb.Web.Components.Shared;

/// <summary>Start a group named <paramref name="Name"/> with the uploaded photo (and an ungrouped look-alike).</summary>
public sealed record NewGroupRequest(string Name, ImageMatch? With = null);
