/**
 * src/mcp/protocol.ts copies the SDK's protocol constants and McpError so that a start need not
 * load the SDK's types module: the copies must stay equal to the SDK's own.
 */
import * as sdk from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import * as local from '../../src/mcp/protocol.js';

describe('the local protocol constants', () => {
  it('are the SDK versions', () => {
    expect(local.LATEST_PROTOCOL_VERSION).toBe(sdk.LATEST_PROTOCOL_VERSION);
    expect(local.SUPPORTED_PROTOCOL_VERSIONS).toEqual(sdk.SUPPORTED_PROTOCOL_VERSIONS);
  });

  it('are the SDK error codes, every one', () => {
    const sdkCodes = Object.fromEntries(
      Object.entries(sdk.ErrorCode).filter(([, value]) => typeof value === 'number'),
    );
    expect(local.ErrorCode).toEqual(sdkCodes);
  });

  it('make the same error as the SDK McpError', () => {
    const data = { detail: 1 };
    const ours = new local.McpError(local.ErrorCode.InvalidParams, 'Invalid params: x', data);
    const theirs = new sdk.McpError(sdk.ErrorCode.InvalidParams, 'Invalid params: x', data);
    expect(ours.message).toBe(theirs.message);
    expect(ours.name).toBe(theirs.name);
    expect(ours.code).toBe(theirs.code);
    expect(ours.data).toBe(theirs.data);
    expect({ ...ours }).toEqual({ ...theirs });
    expect(ours).toBeInstanceOf(Error);
  });
});
