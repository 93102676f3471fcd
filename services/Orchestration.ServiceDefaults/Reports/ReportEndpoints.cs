using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orchestration.ServiceDefaults.Reports;

/// <summary>How the statistics' endpoints describe themselves in the API description.</summary>
public static class ReportEndpoints
{
    /// <summary>A statistic: the table as JSON, or with <c>format=xlsx</c> or <c>format=csv</c> the file; an unknown format is a 400.</summary>
    public static RouteHandlerBuilder DescribedAsStatistic(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ReportTable>(StatusCodes.Status200OK, "application/json", ReportExport.XlsxContentType, "text/csv")
            .ProducesValidationProblem();

    /// <summary>A statistics page: HTML with inline SVG charts.</summary>
    public static RouteHandlerBuilder DescribedAsReportPage(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<string>(StatusCodes.Status200OK, "text/html");
}
