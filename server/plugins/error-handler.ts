// The one error handler: client errors answer with their message, 5xx with a generic one;
// validation errors name the parameter that was wrong.
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

interface ValidationItem {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function describeValidation(context: string | undefined, items: ValidationItem[]): { message: string; details: unknown } {
  const where = context ?? 'request';
  const details = items.map((item) => {
    const fromPath = item.instancePath ? item.instancePath.replace(/^\//, '').replaceAll('/', '.') : '';
    const name = String(item.params?.additionalProperty ?? item.params?.missingProperty ?? fromPath) || where;
    const message =
      item.keyword === 'additionalProperties' ? `unknown parameter "${name}"` : `"${name}" ${item.message ?? 'is invalid'}`;
    return { parameter: name, message };
  });
  return { message: `Invalid ${where}: ${details.map((d) => d.message).join('; ')}.`, details };
}

export default fp(
  async function errorHandler(app: FastifyInstance) {
    app.setErrorHandler((err: FastifyError & Partial<AppError>, request, reply) => {
      if (err instanceof AppError) {
        return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) } });
      }
      if (err.validation) {
        const { message, details } = describeValidation(err.validationContext, err.validation as ValidationItem[]);
        return reply.status(400).send({ error: { code: 'invalid_parameter', message, details } });
      }
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status < 500) {
        // Errors from other layers (pipelines, plugins) that carry a status are meant for the user.
        const details = (err as { details?: unknown }).details;
        const code = err.code ? String(err.code).toLowerCase() : 'bad_request';
        return reply.status(status).send({ error: { code, message: err.message, ...(details === undefined ? {} : { details }) } });
      }
      request.log.error({ err, url: request.url, method: request.method }, 'request failed');
      return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on the server; it has been logged.' } });
    });
    app.setNotFoundHandler((request, reply) => {
      reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } });
    });
  },
  { name: 'error-handler' },
);
