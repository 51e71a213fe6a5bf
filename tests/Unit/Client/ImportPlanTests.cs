using MediaOrleans.Cli.Import;

namespace MediaOrleans.Tests.Client;

public sealed class ImportPlanTests
{
    [Fact]
    public void FromFiles_ClashingNames_FirstInOrdinalOrderWins_RestReported()
    {
        var plan = ImportPlan.FromFiles(
        [
            ("/r/b/x y.wav", "b/x y.wav", 10),
            ("/r/a.wav", "a.wav", 10),
            ("/r/b/x_y.mp3", "b/x_y.mp3", 10),
            ("/r/a.mp3", "a.mp3", 10),
        ], "p", maxUploadBytes: 100);

        Assert.Equal(["p/a", "p/b/x_y"], plan.Items.Select(i => i.Name));
        Assert.Equal(["/r/a.mp3", "/r/b/x y.wav"], plan.Items.Select(i => i.File));
        Assert.Equal(["audio/mpeg", "audio/wav"], plan.Items.Select(i => i.ContentType));
        Assert.Equal(
            [("/r/a.wav", "duplicate_name"), ("/r/b/x_y.mp3", "duplicate_name")],
            plan.Problems.Select(p => (p.File, p.Error)));
        Assert.Contains("already taken by 'a.mp3'", plan.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFiles_OverTheUploadLimit_IsReportedWithItsName()
    {
        var plan = ImportPlan.FromFiles([("/r/big.wav", "big.wav", 101), ("/r/ok.wav", "ok.wav", 100)], string.Empty, maxUploadBytes: 100);

        Assert.Equal(["ok"], plan.Items.Select(i => i.Name));
        var problem = Assert.Single(plan.Problems);
        Assert.Equal(("big", "too_large"), (problem.Name, problem.Error));
    }

    [Fact]
    public void FromFiles_NoNamePossible_IsReportedWithoutName()
    {
        var plan = ImportPlan.FromFiles([("/r/x.wav", new string('x', 300) + ".wav", 1)], string.Empty, maxUploadBytes: 100);

        Assert.Empty(plan.Items);
        var problem = Assert.Single(plan.Problems);
        Assert.Null(problem.Name);
        Assert.Equal("invalid_name", problem.Error);
    }

    [Fact]
    public void ForPath_Folder_TakesWavAndMp3RecursivelyAndSkipsOtherAndHiddenFiles()
    {
        var root = Directory.CreateTempSubdirectory("mediactl-plan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "en", "sub"));
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            File.WriteAllBytes(Path.Combine(root, "en", "sub", "one.WAV"), new byte[3]);
            File.WriteAllBytes(Path.Combine(root, "two.mp3"), new byte[5]);
            File.WriteAllBytes(Path.Combine(root, "notes.txt"), new byte[1]);
            File.WriteAllBytes(Path.Combine(root, ".git", "three.wav"), new byte[1]);
            File.WriteAllBytes(Path.Combine(root, ".four.wav"), new byte[1]);

            var plan = ImportPlan.ForPath(root, "pre/", maxUploadBytes: 100);

            Assert.Equal([("pre/en/sub/one", 3L), ("pre/two", 5L)], plan.Items.Select(i => (i.Name, i.Length)));
            Assert.Empty(plan.Problems);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ForPath_SingleFile_IsNamedAfterItsFileName()
    {
        var folder = Directory.CreateTempSubdirectory("mediactl-plan-").FullName;
        try
        {
            var file = Path.Combine(folder, "vm greeting.wav");
            File.WriteAllBytes(file, new byte[7]);

            var plan = ImportPlan.ForPath(file, "vm/1234", maxUploadBytes: 100);

            Assert.Equal([("vm/1234/vm_greeting", file)], plan.Items.Select(i => (i.Name, i.File)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ForPath_MissingOrUnsupported_Throws()
    {
        Assert.Throws<FormatException>(() => ImportPlan.ForPath("/nonexistent/path", null, 100));
        var text = Path.GetTempFileName();
        try
        {
            var error = Assert.Throws<FormatException>(() => ImportPlan.ForPath(text, null, 100));
            Assert.Contains("neither a .wav nor an .mp3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(text);
        }
    }
}
