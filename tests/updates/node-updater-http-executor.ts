import {
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime';

/**
 * electron-updater's HTTP, in plain Node. In the app, `ElectronHttpExecutor` sends requests through Electron's `net`;
 * this is the same `HttpExecutor` (builder-util-runtime: redirects, the SHA-512 digest check of downloads, range
 * requests) with Node's http module underneath, and `download` written as `ElectronHttpExecutor.download` is.
 */
export class NodeUpdaterHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    // A fresh connection per request: the executor adds a timeout listener to each request's socket.
    return (options.protocol === 'https:' ? httpsRequest : httpRequest)(
      { ...options, agent: false },
      callback,
    );
  }

  async download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => {
            if (error == null) resolve(destination);
            else reject(error);
          },
          responseHandler: null,
        },
        0,
      );
    });
  }
}
