// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

export interface paths {
  '/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['applications_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['applications_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commandresults': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['command_results_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['commands_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['commands_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['commands_getResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/search/systems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['search_systems_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/search/systemusers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['search_systemusers_post'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['systems_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['systems_get'];
    put: operations['systems_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/command/builtin/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systems_commandBuiltinErase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/command/builtin/lock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systems_commandBuiltinLock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/command/builtin/restart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systems_commandBuiltinRestart'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/command/builtin/shutdown': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systems_commandBuiltinShutdown'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['systemusers_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['systemusers_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/expire': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_expire'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/mfa/enforce': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_mfa_enforce'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/reactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemuser_reactivate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/resetmfa': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_resetmfa'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/state/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_state_activate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/state/suspend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_state_suspend'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemusers/{id}/unlock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['systemusers_unlock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['administrators_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    administrator: {
      _id?: string;
      created?: string;
      email?: string;
      enableMultiFactor?: boolean;
      firstname?: string;
      lastLogin?: string;
      lastname?: string;
      organization?: string;
      roleName?: string;
      suspended?: boolean;
    };
    application: {
      _id?: string;
      active?: boolean;
      aiReady?: boolean;
      beta?: boolean;
      /** @enum {string} */
      color?:
        | ''
        | '#202D38'
        | '#005466'
        | '#3E8696'
        | '#006CAC'
        | '#0617AC'
        | '#7C6ADA'
        | '#D5779D'
        | '#9E2F00'
        | '#FFB000'
        | '#58C469'
        | '#57C49F'
        | '#FF6C03';
      config: {
        acsUrl?: {
          label?: string;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: string;
          visible?: boolean;
        };
        authClaimConfiguration?: {
          authnContextMappings?: {
            type?: string;
            value?: Record<string, never>[];
          };
          authnContextMode?: {
            type?: string;
            value?: string;
          };
          sendAmrClaim?: {
            readOnly?: boolean;
            type?: string;
            value?: boolean;
          };
          singleAuthnContextValue?: {
            type?: string;
            value?: string;
          };
          type?: string;
          visible?: boolean;
        } | null;
        constantAttributes?: {
          label?: string;
          mutable?: boolean;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          };
          type?: string;
          value?: {
            name?: string;
            readOnly?: boolean;
            required?: boolean;
            value?: string;
            visible?: boolean;
          }[];
          visible?: boolean;
        } | null;
        databaseAttributes?: {
          position?: number;
        };
        idpCertificate?: {
          label?: string;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: string;
          visible?: boolean;
        };
        idpEntityId?: {
          label?: string;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: string;
          visible?: boolean;
        };
        idpPrivateKey?: {
          label?: string;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: string;
          visible?: boolean;
        };
        signAssertion?: {
          label?: string;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: boolean;
          visible?: boolean;
        } | null;
        signResponse?: {
          label?: string;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: boolean;
          visible?: boolean;
        } | null;
        spEntityId?: {
          label?: string;
          options?: unknown;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          toggle?: unknown;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: string;
          visible?: boolean;
        };
        spErrorFlow?: {
          label?: string;
          position?: number;
          readOnly?: boolean;
          required?: boolean;
          tooltip?: {
            template?: string;
            variables?: {
              icon?: string;
              message?: string;
            };
          } | null;
          type?: string;
          value?: boolean;
          visible?: boolean;
        } | null;
      };
      created?: string;
      databaseAttributes?: Record<string, never>[];
      description?: string;
      displayLabel?: string;
      displayName?: string;
      learnMore?: string;
      logo?: {
        /** @enum {string} */
        color?:
          | ''
          | '#202D38'
          | '#005466'
          | '#3E8696'
          | '#006CAC'
          | '#0617AC'
          | '#7C6ADA'
          | '#D5779D'
          | '#9E2F00'
          | '#FFB000'
          | '#58C469'
          | '#57C49F'
          | '#FF6C03';
        url?: string;
      };
      name: string;
      organization?: string;
      parentApp?: string;
      sso?: components['schemas']['sso'];
      ssoUrl: string;
    };
    applicationslist: {
      name?: string;
      results?: components['schemas']['application'][];
      totalCount?: number;
    };
    attribute: {
      name?: string;
      value?: string;
    };
    command: {
      aiGenerated?: boolean;
      command: string;
      commandRunners?: string[];
      /** @default linux */
      commandType: string;
      description?: string;
      files?: string[];
      filesS3?: components['schemas']['filesS3'][];
      launchType?: string;
      listensTo?: string;
      name: string;
      organization?: string;
      schedule?: string;
      scheduleRepeatType?: string;
      scheduleYear?: number;
      shell?: string;
      sudo?: boolean;
      systems?: string[];
      template?: string;
      templatingRequired?: boolean;
      timeout?: string;
      timeToLiveSeconds?: number;
      trigger?: string;
      user?: string;
    };
    commandresult: {
      _id?: string;
      command?: string;
      files?: string[];
      name?: string;
      organization?: string;
      /** Format: date-time */
      requestTime?: string | null;
      response?: {
        data?: {
          exitCode?: number;
          output?: string;
        };
        error?: string;
        id?: string;
      };
      /** Format: date-time */
      responseTime?: string | null;
      sudo?: boolean;
      system?: string;
      systemId?: string;
      user?: string;
      workflowId?: string;
      workflowInstanceId?: string;
    };
    commandresultslist: {
      results?: {
        _id?: string;
        command?: string;
        exitCode?: number;
        name?: string;
        /** Format: date-time */
        requestTime?: string | null;
        response?: {
          data?: {
            exitCode?: number;
            output?: string;
          };
          error?: string;
        };
        /** Format: date-time */
        responseTime?: string | null;
        sudo?: boolean;
        system?: string;
        systemId?: string;
        user?: string;
        workflowId?: string;
      }[];
      totalCount?: number;
    };
    commandslist: {
      results?: {
        _id?: string;
        aiGenerated?: boolean;
        command?: string;
        commandType?: string;
        description?: string;
        launchType?: string;
        listensTo?: string;
        name?: string;
        organization?: string;
        schedule?: string;
        scheduleRepeatType?: string;
        templatingRequired?: boolean;
        trigger?: string;
      }[];
      totalCount?: number;
    };
    externallymanagedpropertyinfo: boolean;
    fde: {
      active?: boolean;
      keyPresent?: boolean;
    };
    filesS3: {
      destination: string;
      name: string;
      objectStorageId: string;
      sha256: string;
    };
    mfa: {
      configured?: boolean;
      exclusion?: boolean;
      exclusionDays?: number;
      /** Format: date-time */
      exclusionUntil?: string;
    };
    mfaEnrollment: {
      jcGoStatus?: components['schemas']['mfaEnrollmentStatus'];
      overallStatus?: components['schemas']['mfaEnrollmentStatus'];
      pushStatus?: components['schemas']['mfaEnrollmentStatus'];
      smsStatus?: components['schemas']['mfaEnrollmentStatus'];
      totpStatus?: components['schemas']['mfaEnrollmentStatus'];
      webAuthnStatus?: components['schemas']['mfaEnrollmentStatus'];
    };
    /** @enum {string} */
    mfaEnrollmentStatus:
      | 'NOT_ENROLLED'
      | 'DISABLED'
      | 'PENDING_ACTIVATION'
      | 'ENROLLMENT_EXPIRED'
      | 'IN_ENROLLMENT'
      | 'PRE_ENROLLMENT'
      | 'ENROLLED';
    restrictedField: {
      /** @enum {string} */
      field?:
        | 'addresses'
        | 'company'
        | 'costCenter'
        | 'department'
        | 'description'
        | 'displayname'
        | 'email'
        | 'employeeIdentifier'
        | 'employeeType'
        | 'firstname'
        | 'jobTitle'
        | 'lastname'
        | 'location'
        | 'middlename'
        | 'password'
        | 'phoneNumbers'
        | 'sudo'
        | 'username';
      id?: string;
      /** @enum {string} */
      type?: 'active_directory' | 'federated_identity_provider' | 'scim';
    };
    search: {
      fields?: string;
      filter?: Record<string, never>;
      searchFilter?: {
        fields?: string[];
        searchTerm?: string | string[];
      };
    };
    sshkeylist: {
      _id?: string;
      create_date?: string;
      name?: string;
      public_key?: string;
    };
    sso: {
      beta?: boolean;
      hidden?: boolean;
      /** Format: date-time */
      idpCertExpirationAt?: string;
      /** Format: date-time */
      readonly idpCertificateUpdatedAt?: string;
      /** Format: date-time */
      readonly idpPrivateKeyUpdatedAt?: string;
      jit?: boolean;
      /** Format: date-time */
      readonly spCertificateUpdatedAt?: string;
      type?: string;
    };
    system: {
      _id?: string;
      active?: boolean;
      agentHasFullDiskAccess?: boolean;
      agentVersion?: string;
      allowMultiFactorAuthentication?: boolean;
      allowPublicKeyAuthentication?: boolean;
      allowSshPasswordAuthentication?: boolean;
      allowSshRootLogin?: boolean;
      amazonInstanceID?: string;
      arch?: string;
      archFamily?: string;
      attributes?: components['schemas']['attribute'][];
      azureAdJoined?: boolean;
      readonly builtInCommands?: {
        /** @enum {string} */
        name?: 'erase' | 'lock' | 'restart' | 'shutdown';
        /** @constant */
        type?: 'security';
      }[];
      connectionHistory?: Record<string, never>[];
      /** Format: date-time */
      created?: string;
      description?: string;
      desktopCapable?: boolean;
      displayManager?: string;
      displayName?: string;
      domainInfo?: {
        domainName?: string;
        partOfDomain?: boolean;
      };
      fde?: components['schemas']['fde'];
      fileSystem?: string | null;
      hasServiceAccount?: boolean;
      hostname?: string;
      hwVendor?: string;
      isPolicyBound?: boolean;
      /** Format: date-time */
      lastContact?: string | null;
      mdm?: {
        dep?: boolean;
        /** @enum {string} */
        enrollmentType?: 'unknown' | 'automated device' | 'device' | 'user';
        internal?: {
          deviceId?: string;
          windowsDeviceId?: string;
        };
        lostModeStatus?: string;
        profileIdentifier?: string;
        providerId?: string;
        userApproved?: boolean;
        /** @enum {string} */
        vendor?: 'unknown' | 'none' | 'internal' | 'external';
        windows?: {
          upn?: string;
        };
      };
      modifySSHDConfig?: boolean;
      networkInterfaces?: {
        address?: string;
        /** @enum {string} */
        family?: 'IPv4' | 'IPv6';
        internal?: boolean;
        name?: string;
      }[];
      organization?: string;
      os?: string;
      osFamily?: string;
      osVersionDetail?: {
        distributionName?: string;
        major?: string;
        majorNumber?: number;
        minor?: string;
        minorNumber?: number;
        osName?: string;
        patch?: string;
        patchNumber?: number;
        releaseName?: string;
        revision?: string;
        version?: string;
      };
      policyStats?: {
        duplicate?: number;
        failed?: number;
        pending?: number;
        success?: number;
        total?: number;
        unsupportedOs?: number;
      };
      primarySystemUser?: {
        id?: string | null;
      };
      provisionMetadata?: {
        provisioner?: {
          provisionerId?: string;
          /**
           * @default administrator
           * @enum {string}
           */
          type: 'administrator' | 'mdm' | 'user';
        };
      };
      remoteAssistAgentVersion?: string;
      remoteIP?: string;
      secureLogin?: {
        enabled?: boolean;
        supported?: boolean;
      };
      serialNumber?: string;
      serviceAccountState?: {
        hasSecureToken?: boolean;
        passwordAPFSValid?: boolean;
        passwordODValid?: boolean;
      };
      sshdParams?: {
        name?: string;
        value?: string;
      }[];
      sshRootEnabled?: boolean;
      systemInsights?: {
        /** @enum {string} */
        state?: 'enabled' | 'disabled' | 'deferred';
      };
      systemTimezone?: number;
      tags?: string[];
      templateName?: string;
      userMetrics?: {
        admin?: boolean;
        managed?: boolean;
        secureTokenEnabled?: boolean;
        suspended?: boolean;
        userName?: string;
      }[];
      version?: string;
    };
    systemput: {
      agentBoundMessages?: {
        cmd?: string;
      }[];
      allowMultiFactorAuthentication?: boolean;
      allowPublicKeyAuthentication?: boolean;
      allowSshPasswordAuthentication?: boolean;
      allowSshRootLogin?: boolean;
      attributes?: components['schemas']['attribute'][];
      displayName?: string;
      tags?: string[];
    };
    systemSearch: {
      _id?: string;
      active?: boolean;
      agentHasFullDiskAccess?: boolean;
      agentVersion?: string;
      allowMultiFactorAuthentication?: boolean;
      allowPublicKeyAuthentication?: boolean;
      allowSshPasswordAuthentication?: boolean;
      allowSshRootLogin?: boolean;
      amazonInstanceID?: string;
      arch?: string;
      archFamily?: string;
      attributes?: components['schemas']['attribute'][];
      azureAdJoined?: boolean;
      readonly builtInCommands?: {
        /** @enum {string} */
        name?: 'erase' | 'lock' | 'restart' | 'shutdown';
        /** @constant */
        type?: 'security';
      }[];
      connectionHistory?: Record<string, never>[];
      /** Format: date-time */
      created?: string;
      description?: string;
      desktopCapable?: boolean;
      displayManager?: string;
      displayName?: string;
      domainInfo?: {
        domainName?: string;
        partOfDomain?: boolean;
      };
      fde?: components['schemas']['fde'];
      fileSystem?: string | null;
      hasServiceAccount?: boolean;
      hostname?: string;
      hwVendor?: string;
      isPolicyBound?: boolean;
      /** Format: date-time */
      lastContact?: string | null;
      mdm?: {
        dep?: boolean;
        /** @enum {string} */
        enrollmentType?: 'unknown' | 'automated device' | 'device' | 'user';
        internal?: {
          deviceId?: string;
          windowsDeviceId?: string;
        };
        lostModeStatus?: string;
        profileIdentifier?: string;
        providerId?: string;
        userApproved?: boolean;
        /** @enum {string} */
        vendor?: 'unknown' | 'none' | 'internal' | 'external';
        windows?: {
          upn?: string;
        };
      };
      memberof?: string[];
      modifySSHDConfig?: boolean;
      networkInterfaces?: {
        address?: string;
        /** @enum {string} */
        family?: 'IPv4' | 'IPv6';
        internal?: boolean;
        name?: string;
      }[];
      organization?: string;
      os?: string;
      osFamily?: string;
      osVersionDetail?: {
        distributionName?: string;
        major?: string;
        majorNumber?: number;
        minor?: string;
        minorNumber?: number;
        osName?: string;
        patch?: string;
        patchNumber?: number;
        releaseName?: string;
        revision?: string;
        version?: string;
      };
      policyStats?: {
        duplicate?: number;
        failed?: number;
        pending?: number;
        success?: number;
        total?: number;
        unsupportedOs?: number;
      };
      primarySystemUser?: {
        id?: string | null;
      };
      'primarySystemUser._id'?: string;
      'primarySystemUser.attributes'?: components['schemas']['attribute'][];
      'primarySystemUser.company'?: string;
      'primarySystemUser.costCenter'?: string;
      'primarySystemUser.delegatedAuthority.id'?: string;
      'primarySystemUser.department'?: string;
      'primarySystemUser.description'?: string;
      'primarySystemUser.email'?: string;
      'primarySystemUser.employeeType'?: string;
      'primarySystemUser.jobTitle'?: string;
      'primarySystemUser.location'?: string;
      'primarySystemUser.manager'?: string;
      'primarySystemUser.memberof'?: string[];
      /** @enum {string} */
      'primarySystemUser.state'?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
      provisionMetadata?: {
        provisioner?: {
          provisionerId?: string;
          /**
           * @default administrator
           * @enum {string}
           */
          type: 'administrator' | 'mdm' | 'user';
        };
      };
      remoteAssistAgentVersion?: string;
      remoteIP?: string;
      secureLogin?: {
        enabled?: boolean;
        supported?: boolean;
      };
      serialNumber?: string;
      serviceAccountState?: {
        hasSecureToken?: boolean;
        passwordAPFSValid?: boolean;
        passwordODValid?: boolean;
      };
      sshdParams?: {
        name?: string;
        value?: string;
      }[];
      sshRootEnabled?: boolean;
      systemInsights?: {
        /** @enum {string} */
        state?: 'enabled' | 'disabled' | 'deferred';
      };
      systemTimezone?: number;
      tags?: string[];
      templateName?: string;
      userMetrics?: {
        admin?: boolean;
        managed?: boolean;
        secureTokenEnabled?: boolean;
        suspended?: boolean;
        userName?: string;
      }[];
      version?: string;
    };
    systemslist: {
      results?: components['schemas']['system'][];
      totalCount?: number;
    };
    systemsSearchlist: {
      results?: components['schemas']['systemSearch'][];
      totalCount?: number;
    };
    systemuserreturn: {
      _id?: string;
      account_locked?: boolean;
      account_locked_date?: string | null;
      activated?: boolean;
      addresses?: {
        country?: string;
        extendedAddress?: string;
        id?: string;
        locality?: string;
        poBox?: string;
        postalCode?: string;
        region?: string;
        streetAddress?: string;
        type?: string;
      }[];
      admin?: {
        id?: string;
        roleName?: string;
        roleNames?: string[];
      } | null;
      allow_public_key?: boolean;
      alternateEmail?: string;
      attributes?: components['schemas']['attribute'][];
      badLoginAttempts?: number;
      company?: string;
      costCenter?: string;
      created?: string;
      creationSource?: string;
      delegatedAuthority?: {
        id?: string;
        /** @constant */
        name?: 'ActiveDirectory';
      } | null;
      department?: string;
      description?: string;
      disableDeviceMaxLoginAttempts?: boolean;
      displayname?: string;
      email?: string;
      employeeIdentifier?: string;
      employeeType?: string;
      enable_managed_uid?: boolean;
      enable_user_portal_multifactor?: boolean;
      external_dn?: string;
      external_password_expiration_date?: string;
      external_source_type?: string;
      externally_managed?: components['schemas']['externallymanagedpropertyinfo'];
      firstname?: string;
      jobTitle?: string;
      lastname?: string;
      ldap_binding_user?: boolean;
      location?: string;
      managedAppleId?: string;
      manager?: string;
      mfa?: components['schemas']['mfa'];
      mfaEnrollment?: components['schemas']['mfaEnrollment'];
      middlename?: string;
      organization?: string;
      password_date?: string | null;
      password_expiration_date?: string | null;
      password_expired?: boolean;
      password_never_expires?: boolean;
      passwordless_sudo?: boolean;
      phoneNumbers?: {
        id?: string;
        number?: string;
        type?: string;
      }[];
      public_key?: string;
      recoveryEmail?: {
        address?: string;
        verified?: boolean;
        verifiedAt?: string;
      };
      relationships?: {
        type?: string;
        value?: string;
      }[];
      restrictedFields?: components['schemas']['restrictedField'][];
      samba_service_user?: boolean;
      ssh_keys?: components['schemas']['sshkeylist'][];
      /** @enum {string} */
      state?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
      sudo?: boolean;
      suspended?: boolean;
      tags?: string[];
      totp_enabled?: boolean;
      unix_guid?: number;
      unix_uid?: number;
      username?: string;
    };
    systemuserSearchReturn: {
      _id?: string;
      account_locked?: boolean;
      account_locked_date?: string | null;
      activated?: boolean;
      addresses?: {
        country?: string;
        extendedAddress?: string;
        id?: string;
        locality?: string;
        poBox?: string;
        postalCode?: string;
        region?: string;
        streetAddress?: string;
        type?: string;
      }[];
      admin?: {
        id?: string;
        roleName?: string;
        roleNames?: string[];
      } | null;
      allow_public_key?: boolean;
      alternateEmail?: string;
      attributes?: components['schemas']['attribute'][];
      badLoginAttempts?: number;
      company?: string;
      costCenter?: string;
      created?: string;
      creationSource?: string;
      delegatedAuthority?: {
        id?: string;
        /** @constant */
        name?: 'ActiveDirectory';
      } | null;
      department?: string;
      description?: string;
      disableDeviceMaxLoginAttempts?: boolean;
      displayname?: string;
      email?: string;
      employeeIdentifier?: string;
      employeeType?: string;
      enable_managed_uid?: boolean;
      enable_user_portal_multifactor?: boolean;
      external_dn?: string;
      external_password_expiration_date?: string;
      external_source_type?: string;
      externally_managed?: components['schemas']['externallymanagedpropertyinfo'];
      firstname?: string;
      jobTitle?: string;
      lastname?: string;
      ldap_binding_user?: boolean;
      location?: string;
      managedAppleId?: string;
      manager?: string;
      memberof?: string[];
      mfa?: components['schemas']['mfa'];
      mfaEnrollment?: components['schemas']['mfaEnrollment'];
      middlename?: string;
      organization?: string;
      password_date?: string | null;
      password_expiration_date?: string | null;
      password_expired?: boolean;
      password_never_expires?: boolean;
      passwordless_sudo?: boolean;
      phoneNumbers?: {
        id?: string;
        number?: string;
        type?: string;
      }[];
      public_key?: string;
      recoveryEmail?: {
        address?: string;
        verified?: boolean;
        verifiedAt?: string;
      };
      relationships?: {
        type?: string;
        value?: string;
      }[];
      restrictedFields?: components['schemas']['restrictedField'][];
      samba_service_user?: boolean;
      ssh_keys?: components['schemas']['sshkeylist'][];
      /** @enum {string} */
      state?: 'STAGED' | 'ACTIVATED' | 'SUSPENDED';
      sudo?: boolean;
      suspended?: boolean;
      tags?: string[];
      totp_enabled?: boolean;
      unix_guid?: number;
      unix_uid?: number;
      username?: string;
    };
    systemuserslist: {
      results?: components['schemas']['systemuserreturn'][];
      totalCount?: number;
    };
    systemUsersSearchlist: {
      results?: components['schemas']['systemuserSearchReturn'][];
      totalCount?: number;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  applications_list: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        skip?: number;
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['applicationslist'];
        };
      };
    };
  };
  applications_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['application'];
        };
      };
    };
  };
  command_results_list: {
    parameters: {
      query?: {
        fields?: string;
        limit?: number;
        skip?: number;
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['commandresultslist'];
        };
      };
    };
  };
  commands_list: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        skip?: number;
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['commandslist'];
        };
      };
    };
  };
  commands_get: {
    parameters: {
      query?: {
        fields?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['command'];
        };
      };
    };
  };
  commands_getResults: {
    parameters: {
      query?: {
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['commandresult'][];
        };
      };
    };
  };
  search_systems_post: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        skip?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['search'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['systemsSearchlist'];
        };
      };
    };
  };
  search_systemusers_post: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        skip?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['search'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['systemUsersSearchlist'];
        };
      };
    };
  };
  systems_list: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        search?: string;
        skip?: number;
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['systemslist'];
        };
      };
    };
  };
  systems_get: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['system'];
        };
      };
    };
  };
  systems_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['systemput'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['system'];
        };
      };
    };
  };
  systems_commandBuiltinErase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        system_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systems_commandBuiltinLock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        system_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systems_commandBuiltinRestart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        system_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systems_commandBuiltinShutdown: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        system_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systemusers_list: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
        limit?: number;
        search?: string;
        skip?: number;
        sort?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['systemuserslist'];
        };
      };
    };
  };
  systemusers_get: {
    parameters: {
      query?: {
        fields?: string;
        filter?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['systemuserreturn'];
        };
      };
    };
  };
  systemusers_expire: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  systemusers_mfa_enforce: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          enable_user_portal_multifactor?: boolean;
          mfa?: components['schemas']['mfa'];
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systemuser_reactivate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** Format: email */
          email?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systemusers_resetmfa: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          exclusion?: boolean;
          exclusionDays?: number;
          /** Format: date-time */
          exclusionUntil?: string;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  systemusers_state_activate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          email?: boolean;
        };
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  systemusers_state_suspend: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  systemusers_unlock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': string;
        };
      };
    };
  };
  administrators_list: {
    parameters: {
      query?: {
        limit?: number;
        search?: string;
        skip?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            results?: components['schemas']['administrator'][];
            totalCount?: number;
          };
        };
      };
    };
  };
}
