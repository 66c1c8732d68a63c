using System.Text.RegularExpressions;

namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// Imports run in the background: the upload answers with the outcome when the job ends within a moment,
/// otherwise with a progress panel that the page polls. Tests follow the panel as the browser does.
/// </summary>
public static partial class ImportPolling
{
    public static async Task<HttpResponseMessage> ImportAsync(this PageClient pages, string url, MultipartFormDataContent content, TimeSpan? timeout = null)
    {
        var response = await pages.PostMultipartAsync(url, content, tokenFrom: url);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (true)
        {
            var html = await response.Content.ReadAsStringAsync();
            var pending = Pending().Match(html);
            if (!pending.Success)
            {
                return response;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"import {pending.Groups[1].Value} still running");
            }
            await Task.Delay(200);
            response = await pages.Http.GetAsync(System.Net.WebUtility.HtmlDecode(pending.Groups[2].Value));
        }
    }

    /// <summary>
    /// An API import: the upload must answer 202 with a status URL under <paramref name="url"/> (Location); the status
    /// is polled until the job has finished and returned with that URL.
    /// </summary>
    public static async Task<(string StatusUrl, System.Text.Json.JsonElement Status)> ImportAsync(this HttpClient api, string url, MultipartFormDataContent content)
    {
        var started = await api.PostAsync(url, content);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var status = started.Headers.Location!.ToString();
        Assert.StartsWith(url + "/", status, StringComparison.Ordinal);
        for (var i = 0; i < 600; i++)
        {
            var json = await (await api.GetAsync(status)).ReadJsonAsync();
            if (json.GetProperty("finished").GetBoolean())
            {
                return (status, json);
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(status);
    }

    /// <summary>The href of the page's "download the report" link, decoded.</summary>
    public static string ReportLink(string html)
    {
        var match = ReportHref().Match(html);
        Assert.True(match.Success, "no report link on the page");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\" id=\"download-report\"")]
    private static partial Regex ReportHref();

    [GeneratedRegex("data-import-pending=\"([0-9a-f-]+)\" hx-get=\"([^\"]+)\"")]
    private static partial Regex Pending();
}
