namespace PatchDb.Api.Model;

/// <summary>What a share link shows.</summary>
public enum ShareScope
{
    Collection = 0,
    Group = 1,
    // The groups that have spares (more than one copy), evaluated when the link is opened.
    Trade = 2,
}
