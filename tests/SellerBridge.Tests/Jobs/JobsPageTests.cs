using System.Net;
using SellerBridge.Tests.Infrastructure;
using SellerBridge.Web.Infrastructure.Jobs;

namespace SellerBridge.Tests.Jobs;

public sealed class JobsPageTests
{
    [Theory]
    [AllProviders]
    public async Task A_failing_jobs_message_appears_on_the_jobs_page_without_the_secret_it_mentions(string provider)
    {
        await using var app = AppFactory.For(provider, JobWait.Enabled());
        await app.Get<JobScheduler>().TriggerNowAsync<FailingJob>("fail-1", new Dictionary<string, object?> { ["message"] = "재고 동기화 실패: gateway said no (password=hunter2)" });
        var run = Assert.Single(await JobWait.FinishedRunsAsync(app, nameof(FailingJob)));
        Assert.Equal("Failed", run.Outcome);
        Assert.Equal("InvalidOperationException: 재고 동기화 실패: gateway said no (password=***)", run.Message);

        using var op = app.Portal();
        await op.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);
        var page = WebUtility.HtmlDecode(await op.GetPageAsync("/operator/jobs"));

        Assert.Contains("최근 실패", page);
        Assert.Contains("InvalidOperationException: 재고 동기화 실패: gateway said no (password=***)", page);
        Assert.DoesNotContain("hunter2", page);
        Assert.Contains("실패", page);
    }

    [Fact]
    public async Task Run_now_runs_the_recurring_cleanup_and_the_page_shows_it_succeeded()
    {
        await using var app = AppFactory.For("Sqlite", JobWait.Enabled());
        using var op = app.Portal();
        await op.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);
        var before = WebUtility.HtmlDecode(await op.GetPageAsync("/operator/jobs"));
        Assert.Contains("data-job-name=\"job-runs-cleanup\"", before);
        Assert.Contains("지금 실행", before);

        var posted = await op.PostFormAsync("/operator/jobs", "/operator/jobs/run", ("name", JobRunsCleanupJob.Name), ("group", JobScheduler.RecurringGroup));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("Succeeded", Assert.Single(await JobWait.FinishedRunsAsync(app, JobRunsCleanupJob.Name)).Outcome);
        var after = await op.GetPageAsync("/operator/jobs");
        Assert.Contains("status-Succeeded", after);
    }

    [Fact]
    public async Task Run_now_for_a_job_that_no_longer_exists_says_so()
    {
        await using var app = AppFactory.For("Sqlite");
        using var op = app.Portal();
        await op.SignInAsync(await Accounts.CreateOperatorAsync(app), Accounts.Password);

        var posted = await op.PostFormAsync("/operator/jobs", "/operator/jobs/run", ("name", "no-such-job"), ("group", "recurring"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("작업을 찾을 수 없습니다", WebUtility.HtmlDecode(await op.GetPageAsync("/operator/jobs")));
    }

    [Fact]
    public async Task The_jobs_page_is_for_operators_only()
    {
        await using var app = AppFactory.For("Sqlite");
        using var anonymous = app.Portal();
        var anonymousPage = await anonymous.GetAsync("/operator/jobs");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.Contains("/account/login", anonymousPage.Headers.Location?.ToString());

        var seller = await Accounts.CreateAsync(app);
        using var portal = app.Portal();
        await portal.SignInAsync(seller.Email, Accounts.Password);
        var sellerPage = await portal.GetAsync("/operator/jobs");
        Assert.Equal(HttpStatusCode.Redirect, sellerPage.StatusCode);
        Assert.Contains("/account/denied", sellerPage.Headers.Location?.ToString());

        var run = await portal.Http.PostAsync("/operator/jobs/run", new FormUrlEncodedContent([new("name", JobRunsCleanupJob.Name), new("group", JobScheduler.RecurringGroup)]));
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Contains("/account/denied", run.Headers.Location?.ToString());
    }
}
