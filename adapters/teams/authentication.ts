/**
 * How Teams requests are authenticated: botbuilder's own JWT validation, configured from the app's options. Every
 * token botbuilder does not accept is refused with 401, whatever is wrong with it.
 */
import { type Activity, CallerIdConstants, ConfigurationBotFrameworkAuthentication } from "botbuilder";

/** The errors jsonwebtoken throws for a token whose signature, algorithm or dates are wrong. */
const TOKEN_ERRORS = new Set(["JsonWebTokenError", "NotBeforeError", "TokenExpiredError"]);

/**
 * botbuilder turns only its own errors into 401: a forged signature or a token not valid yet reached the client as
 * 500 with the JWT library's message. Such a token is treated as no token at all, which botbuilder refuses with 401.
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string) {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      if (!(error instanceof Error && TOKEN_ERRORS.has(error.name))) throw error;
      return super.authenticateRequest(activity, "");
    }
  }
}

/** Public Azure's Bot Framework endpoints (botbuilder's defaults), with the signing keys fetched from `metadataUrl`. */
function publicAzureWithKeysAt(metadataUrl: string) {
  return {
    ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
    ToChannelFromBotOAuthScope: "https://api.botframework.com",
    ToBotFromChannelTokenIssuer: "https://api.botframework.com",
    OAuthUrl: "https://api.botframework.com",
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration",
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

export interface AuthenticationOptions {
  /** "" when authentication is off (local testing only). */
  appId: string;
  appPassword: string | undefined;
  appType: string;
  tenantId: string | undefined;
  openIdMetadataUrl: string | undefined;
}

export function teamsAuthentication(options: AuthenticationOptions): ConfigurationBotFrameworkAuthentication {
  if (!options.appId) return new ConfigurationBotFrameworkAuthentication({});
  return new StrictAuthentication({
    MicrosoftAppId: options.appId,
    MicrosoftAppPassword: options.appPassword ?? "",
    MicrosoftAppType: options.appType,
    MicrosoftAppTenantId: options.tenantId ?? "",
    ...(options.openIdMetadataUrl ? publicAzureWithKeysAt(options.openIdMetadataUrl) : {}),
  });
}
