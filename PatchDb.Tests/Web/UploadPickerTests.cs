using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using PatchDb.Web.Components.Shared;

namespace PatchDb.Tests.Web;

public sealed class UploadPickerTests : BunitContext
{
    [Fact]
    public void Offers_a_labelled_picker_and_the_phone_camera()
    {
        var cut = Render<UploadPicker>();

        var file = cut.Find("#photo-file");
        Assert.Equal("image/*", file.GetAttribute("accept"));
        Assert.NotNull(cut.Find("label[for=photo-file]"));
        var camera = cut.Find("#photo-camera");
        Assert.Equal("environment", camera.GetAttribute("capture"));
        Assert.Equal("image/*", camera.GetAttribute("accept"));
        Assert.Contains("Take a photo", cut.Find("label[for=photo-camera]").TextContent);
    }

    [Fact]
    public void Hands_the_chosen_file_over()
    {
        IBrowserFile? chosen = null;
        var cut = Render<UploadPicker>(ps => ps.Add(p => p.OnFileSelected, (IBrowserFile f) => chosen = f));

        cut.FindComponents<InputFile>()[0].UploadFiles(InputFileContent.CreateFromBinary([1, 2, 3], "patch.jpg", contentType: "image/jpeg"));

        Assert.Equal("patch.jpg", chosen?.Name);
        Assert.Equal(3, chosen?.Size);
    }
}
