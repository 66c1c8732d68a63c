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

    [GeneratedRegex("data-import-pending=\"([0-9a-f-]+)\" hx-get=\"([^\"]+)\"")]
    private static partial Regex Pending();
}
