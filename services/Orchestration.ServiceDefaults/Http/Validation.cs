using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Orchestration.ServiceDefaults.Http;

public static class Validation
{
    /// <summary>
    /// Validates the endpoint's <typeparamref name="TRequest"/> argument with its FluentValidation validator before the
    /// handler runs, after the checks of <see cref="SaneInput.Check"/> that every request gets. Failures answer 400 with the fields and, where a rule's error code is a DOMAIN.md id
    /// (<c>.WithErrorCode("N5")</c>), the rule per field under <c>rules</c>.
    /// </summary>
    public static RouteHandlerBuilder WithValidation<TRequest>(this RouteHandlerBuilder endpoint) where TRequest : class =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var request = context.Arguments.OfType<TRequest>().FirstOrDefault();
            var validator = context.HttpContext.RequestServices.GetService<IValidator<TRequest>>()
                            ?? throw new InvalidOperationException($"No validator is registered for {typeof(TRequest).Name}.");
            if (request is null)
                return Results.Problem(ProblemAnswers.Validation(new Dictionary<string, string[]> { ["body"] = ["A request body is required."] }, null, "The request is not valid."));

            // Text, dates, enum values and null elements first, so no validator meets a null element or a date it cannot add to.
            if (SaneInput.Check(request) is { Count: > 0 } insane)
                return Results.Problem(ProblemAnswers.FromFailures(insane));

            var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
            return result.IsValid ? await next(context) : Results.Problem(ProblemAnswers.FromFailures(result.Errors));
        }).ProducesValidationProblem();
}
