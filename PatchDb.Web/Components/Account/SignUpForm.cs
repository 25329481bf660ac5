using System.ComponentModel.DataAnnotations;

namespace PatchDb.Web.Components.Account;

public sealed class SignUpForm
{
    [Required(ErrorMessage = "Choose a username.")]
    [StringLength(64, MinimumLength = 3, ErrorMessage = "A username has 3 to 64 characters.")]
    [RegularExpression(@"^[A-Za-z0-9_.\-]+$", ErrorMessage = "Use letters, digits, '.', '-' or '_' in the username.")]
    public string Username { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(256, MinimumLength = 8, ErrorMessage = "A password has at least 8 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
    public string ConfirmPassword { get; set; } = "";
}
