import { IsEmail, IsNotEmpty, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, PageLimitField, PageCursorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

export const ResellerRpc = {
  create: rpc<CreateResellerRequest, ResellerView>('organizations.reseller.create', { errors: ['RESELLER.FORBIDDEN', 'RESELLER.ALREADY_EXISTS'] }),
  get: rpc<GetResellerRequest, ResellerView>('organizations.reseller.get', { errors: ['RESELLER.NOT_FOUND'] }),
  list: rpc<ListResellersRequest, Page<ResellerView>>('organizations.reseller.list', { errors: ['RESELLER.FORBIDDEN', 'READ_MODEL.INVALID_QUERY'] }),
  getProperties: rpc<GetResellerPropertiesRequest, ResellerPropertiesView>('organizations.reseller.get-properties', { errors: ['RESELLER.NOT_FOUND'] }),
  /** "Set to": records nothing when the properties are already so. */
  changeProperties: rpc<ChangeResellerPropertiesRequest, ResellerPropertiesView>('organizations.reseller.change-properties', { errors: ['RESELLER.NOT_FOUND'] }),
  /** The reseller's currency, which its amounts follow: for every user of the reseller (service to service). */
  currency: rpc<GetResellerCurrencyRequest, ResellerCurrency>('organizations.reseller.currency', { errors: ['RESELLER.NOT_FOUND'] }),
} as const;

export class ResellerFieldsDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  /** ISO 4217 code, upper case. */
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency!: string;

  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @IsEmail()
  @MaxLength(254)
  supportEmail!: string;
}

export class CreateResellerRequest extends ResellerFieldsDto {
  @ActorField()
  actor!: ActorDto;

  /** Chosen by the caller so a retried request creates nothing twice. */
  @IsUUID()
  resellerId!: string;
}

export class GetResellerRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  resellerId!: string;
}

export class ListResellersRequest {
  @ActorField()
  actor!: ActorDto;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export interface ResellerView {
  id: string;
  name: string;
  currency: string;
  notificationEmail: string;
  supportEmail: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class GetResellerPropertiesRequest extends GetResellerRequest {}

/**
 * Answers RESELLER.NOT_FOUND for a missing reseller and for an actor of another reseller alike. The currency is fixed
 * when the reseller is created, so an answer may be kept for good.
 */
export class GetResellerCurrencyRequest extends GetResellerRequest {}

export interface ResellerCurrency {
  resellerId: string;
  /** ISO 4217, upper case. */
  currency: string;
}

export class ChangeResellerPropertiesRequest extends GetResellerRequest {
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @IsEmail()
  @MaxLength(254)
  supportEmail!: string;
}

/** `notificationEmail` receives approval requests, `supportEmail` support requests. */
export interface ResellerPropertiesView {
  notificationEmail: string;
  supportEmail: string;
}
