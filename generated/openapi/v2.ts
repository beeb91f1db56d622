// This file is generated from tools.manifest.yaml and the JumpCloud OpenAPI specs in specs/.
// Do not edit it by hand: change the manifest or specs/overlays/, then run `npm run gen`.

export interface paths {
  '/applemdms': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['applemdms_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applemdms/{apple_mdm_id}/devices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['applemdms_deviceslist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applemdms/{apple_mdm_id}/devices/{device_id}/erase': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['applemdms_deviceserase'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applemdms/{apple_mdm_id}/devices/{device_id}/lock': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['applemdms_deviceslock'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applemdms/{apple_mdm_id}/devices/{device_id}/restart': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['applemdms_devicesrestart'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applemdms/{apple_mdm_id}/devices/{device_id}/shutdown': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['applemdms_devicesshutdown'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{application_id}/associations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_applicationAssociationsList'];
    put?: never;
    post: operations['graph_applicationAssociationsPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{application_id}/usergroups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_applicationTraverseUserGroup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/applications/{application_id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_applicationTraverseUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/bulk/user/expires': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['bulk_userExpires'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/bulk/user/unlocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['bulk_userUnlocks'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/bulk/users/{job_id}/results': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['bulk_usersCreateResults'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/bulk/userstates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['bulk_userStatesCreate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{command_id}/systemgroups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_commandTraverseSystemGroup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/commands/{command_id}/systems': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_commandTraverseSystem'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['policies_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/policies/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['policies_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/softwareapps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['softwareApps_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemgroups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['groups_system_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemgroups/{group_id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['graph_systemGroupMembersPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemgroups/{group_id}/membership': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_systemGroupMembership'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systemgroups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['groups_system_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/associations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_systemAssociationsList'];
    put?: never;
    post: operations['graph_systemAssociationsPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/systems/{system_id}/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_systemTraverseUser'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/usergroups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['groups_user_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/usergroups/{group_id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['graph_userGroupMembersPost'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/usergroups/{group_id}/membership': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_userGroupMembership'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/usergroups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['groups_user_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{user_id}/applications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_userTraverseApplication'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{user_id}/memberof': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['graph_userMemberOf'];
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
    ADE: {
      defaultDeviceGroupObjectIds?: string[] | null;
      enableZeroTouchEnrollment?: boolean;
      setupAssistantOptions?: components['schemas']['DEPSetupAssistantOption'][];
      setupOptions?: components['schemas']['SetupAssistantOption'][];
      welcomeScreen?: components['schemas']['DEPWelcomeScreen'];
    };
    ADES: {
      ios?: components['schemas']['ADE'];
      macos?: components['schemas']['ADE'];
    };
    'apple-mdm-device': {
      createdAt?: string;
      depRegistered?: boolean;
      deviceInformation?: components['schemas']['apple-mdm-device-info'];
      enrolled?: boolean;
      hasActivationLockBypassCodes?: boolean;
      id?: string;
      mdmOsFamily?: string;
      modelFamily?: string;
      osVersion?: string;
      securityInfo?: components['schemas']['apple-mdm-device-security-info'];
      serialNumber?: string;
      udid?: string;
    };
    'apple-mdm-device-info': {
      activationLockAllowedWhileSupervised?: boolean;
      availableDeviceCapacity?: number;
      deviceCapacity?: number;
      deviceName?: string;
      iccid?: string;
      imei?: string;
      isAppleSilicon?: boolean;
      isSupervised?: boolean;
      modelMarketingName?: string;
      modelName?: string;
      modelNumber?: string;
      osBuildVersion?: string;
      osExtraVersion?: string;
      osMarketingName?: string;
      osSupplementalBuildVersion?: string;
      secondIccid?: string;
      secondImei?: string;
      secondSubscriberCarrierNetwork?: string;
      sofwareUpdateId?: string;
      subscriberCarrierNetwork?: string;
      wifiMac?: string;
    };
    'apple-mdm-device-security-info': {
      enrolledViaDep?: boolean;
      filevaultEnabled?: boolean;
      isActivationLockManageable?: boolean;
      isUserEnrollment?: boolean;
      passcodeCompliant?: boolean;
      passcodePresent?: boolean;
      recoveryLockEnabled?: boolean;
      userApprovedEnrollment?: boolean;
    };
    AppleMDM: {
      ades?: components['schemas']['ADES'];
      allowMobileUserEnrollment?: boolean | null;
      apnsCertExpiry?: string | null;
      apnsPushTopic?: string;
      appleCertCreatorAppleID?: string;
      appleCertSerialNumber?: string;
      defaultIosUserEnrollmentDeviceGroupID?: string | null;
      defaultSystemGroupID?: string | null;
      dep?: components['schemas']['DEP'];
      depAccessTokenExpiry?: string | null;
      /** @enum {string} */
      depServerTokenState?: 'unknown' | 'missing' | 'valid' | 'expired';
      id: string;
      name?: string;
      organization?: string;
      serviceDiscoveryEnabled?: boolean | null;
    };
    'bulk-scheduled-statechange-create': {
      activation_email_override?: string;
      send_activation_emails?: boolean;
      /** Format: date-time */
      start_date: string;
      /** @enum {string} */
      state: 'ACTIVATED' | 'SUSPENDED';
      user_ids: string[];
    };
    'bulk-user-expire': {
      attributes?: Record<string, never>[];
      id?: string;
      organization?: string;
    };
    'bulk-user-unlock': {
      attributes?: Record<string, never>[];
      id?: string;
      organization?: string;
    };
    DEP: {
      enableZeroTouchEnrollment?: boolean;
      setupAssistantOptions?: components['schemas']['DEPSetupAssistantOption'][];
      welcomeScreen?: components['schemas']['DEPWelcomeScreen'];
    };
    DEPSetupAssistantOption: {
      option?: components['schemas']['SetupAssistantOption'];
    };
    DEPWelcomeScreen: {
      button?: string | null;
      paragraph?: string | null;
      title?: string | null;
    };
    /**
     * @default MANAGED_INSTALL_ELIGIBILITY_NOT_EVALUATED
     * @enum {string}
     */
    'devices.MetadataPKG.ManagedInstallEligibilityStatus':
      | 'MANAGED_INSTALL_ELIGIBILITY_NOT_EVALUATED'
      | 'MANAGED_INSTALL_ELIGIBLE'
      | 'MANAGED_INSTALL_INELIGIBLE'
      | 'MANAGED_INSTALL_ELIGIBILITY_UNKNOWN';
    /**
     * @default INTENT_UNSPECIFIED
     * @enum {string}
     */
    'devices.SoftwareApp.Setting.AdminManagementIntent':
      'INTENT_UNSPECIFIED' | 'INTENT_FORCE_MANAGED' | 'INTENT_FORCE_UNMANAGED';
    'GraphAttribute-LdapGroups': {
      ldapGroups?: components['schemas']['LdapGroup'][];
    } | null;
    'GraphAttribute-PosixGroups': {
      posixGroups?: {
        id: number;
        name: string;
      }[];
    } | null;
    'GraphAttribute-Radius': {
      radius?: {
        reply?: {
          name: string;
          value: string;
        }[];
      } | null;
    } | null;
    'GraphAttribute-SambaEnabled': {
      sambaEnabled?: boolean;
    } | null;
    'GraphAttribute-Sudo': {
      sudo?: {
        enabled: boolean;
        withoutPassword: boolean;
      } | null;
    } | null;
    GraphAttributes: {
      [key: string]: unknown;
    } | null;
    GraphConnection: {
      attributes?: components['schemas']['GraphAttributes'];
      from?: components['schemas']['GraphObject'];
      to: components['schemas']['GraphObject'];
    };
    GraphObject: {
      attributes?: components['schemas']['GraphAttributes'];
      id: string;
      type: string;
    };
    GraphObjectWithPaths: {
      compiledAttributes?: components['schemas']['GraphAttributes'];
      externalId?: string;
      id: string;
      paths: components['schemas']['GraphConnection'][][];
      syncStatus?: components['schemas']['SyncStatus'];
      type: components['schemas']['GraphType'];
    };
    GraphOperation: {
      id: string;
      /** @enum {string} */
      op: 'add' | 'remove' | 'update';
    };
    'GraphOperation-Application': components['schemas']['GraphOperation'] & {
      attributes?: components['schemas']['GraphAttributes'];
      /** @enum {string} */
      type: 'agent_group' | 'user' | 'user_group';
    };
    'GraphOperation-System': components['schemas']['GraphOperation'] & {
      attributes?: components['schemas']['GraphAttributes'] &
        components['schemas']['GraphAttribute-Sudo'];
      /** @enum {string} */
      type: 'command' | 'policy' | 'policy_group' | 'user' | 'user_group';
    };
    'GraphOperation-SystemGroup-Member': components['schemas']['GraphOperation'] & {
      attributes?: components['schemas']['GraphAttributes'];
      /** @constant */
      type: 'system';
    };
    'GraphOperation-UserGroup-Member': components['schemas']['GraphOperation'] & {
      attributes?: components['schemas']['GraphAttributes'];
      /** @constant */
      type: 'user';
    };
    /** @enum {string} */
    GraphType:
      | 'active_directory'
      | 'agent'
      | 'agent_group'
      | 'application'
      | 'command'
      | 'g_suite'
      | 'idp_routing_policy'
      | 'ldap_server'
      | 'office_365'
      | 'policy'
      | 'policy_group'
      | 'radius_server'
      | 'password_manager_item'
      | 'system'
      | 'system_group'
      | 'user'
      | 'user_group';
    'GroupAttributes-UserGroup': (
      | (components['schemas']['GraphAttributes'] &
          components['schemas']['GraphAttribute-Sudo'] &
          components['schemas']['GraphAttribute-LdapGroups'] &
          components['schemas']['GraphAttribute-PosixGroups'] &
          components['schemas']['GraphAttribute-Radius'] &
          components['schemas']['GraphAttribute-SambaEnabled'])
      | null
    ) &
      (components['schemas']['GraphAttributes'] &
        components['schemas']['GraphAttribute-Sudo'] &
        components['schemas']['GraphAttribute-LdapGroups'] &
        components['schemas']['GraphAttribute-PosixGroups'] &
        components['schemas']['GraphAttribute-Radius'] &
        components['schemas']['GraphAttribute-SambaEnabled']);
    /** @enum {string} */
    GroupMembershipMethodType:
      'NOTSET' | 'STATIC' | 'DYNAMIC_REVIEW_REQUIRED' | 'DYNAMIC_AUTOMATED';
    'job-id': {
      jobId?: string;
    };
    'job-workresult': {
      createdAt?: string | null;
      id?: string | null;
      meta?: Record<string, never>;
      persistedFields?: Record<string, never> | null;
      status?: string | null;
      statusMsg?: string | null;
      updatedAt?: string | null;
    };
    LdapGroup: {
      name?: string;
    } | null;
    MemberQuery: components['schemas']['Query'] &
      ({
        filters?: unknown[];
      } | null);
    MemberQueryErrorFlags: string[];
    MemberQueryExemption: {
      id: string;
      organizationId?: string;
      type: string;
    };
    'object-storage-item': {
      objectId?: string;
      versions?: components['schemas']['object-storage-version'][];
    };
    'object-storage-version': {
      /** Format: date-time */
      createdAt?: string;
      displayVersion?: string;
      metadata?: {
        metadataExe?: {
          installerEngineVersion?: string;
          signatureLabel?: string;
        };
      };
      name?: string;
      rejectedReason?: string;
      sha256sum?: string;
      /** @default 0 */
      size: number;
      status?: string;
      /** Format: date-time */
      updatedAt?: string;
      /** @default 0 */
      version: number;
    };
    OSRestriction: {
      appleRestrictions?: {
        requiresSupervision?: boolean;
        supportedEnrollmentTypes?: ('automated' | 'device' | 'user')[];
      };
      deprecatedVersion?: string;
      earliestVersion?: string;
      isMdmRequired?: boolean;
      osName?: string;
      supportedEnrollmentTypes?: ('automated' | 'device' | 'user')[];
    };
    Policy: {
      id?: string;
      name?: string;
      template?: components['schemas']['PolicyTemplate'];
    };
    PolicyTemplate: {
      activation?: string;
      alert?: string | null;
      behavior?: string;
      deliveryTypes?: ('agent' | 'mdm')[];
      description?: string;
      displayName?: string;
      id?: string;
      name?: string;
      /** @enum {string} */
      osMetaFamily?: 'linux' | 'darwin' | 'windows' | 'ios' | 'universal' | 'android';
      osRestrictions?: components['schemas']['OSRestriction'][];
      reference?: string | null;
      /** @default  */
      state: string;
    };
    PolicyTemplateConfigField: {
      defaultValue?: string | number | boolean | unknown[] | null;
      displayOptions?: Record<string, never> | null;
      /** @enum {string} */
      displayType?:
        | 'checkbox'
        | 'date'
        | 'email'
        | 'file'
        | 'number'
        | 'select'
        | 'text'
        | 'textarea'
        | 'singlelistbox'
        | 'doublelistbox'
        | 'table'
        | 'segmentedbutton'
        | 'radio'
        | 'copywell'
        | 'timeinput'
        | 'datepickerrange'
        | 'multilist'
        | 'paginationlist'
        | 'searchandselect'
        | 'datetimepicker'
        | 'numberinline'
        | 'objectstoragefile';
      id: string;
      label?: string;
      name: string;
      position?: number;
      readOnly?: boolean;
      required?: boolean;
      sensitive?: boolean;
      tooltip?: {
        template?: string;
        variables?: {
          icon?: string;
          message?: string;
        };
      } | null;
      validators?: Record<string, never> | null;
    };
    PolicyValue: {
      configFieldID?: string;
      sensitive?: boolean;
      value?: string | number | boolean | unknown[];
    };
    PolicyWithDetails: {
      configFields?: components['schemas']['PolicyTemplateConfigField'][];
      id?: string;
      name?: string;
      notes?: string;
      template?: components['schemas']['PolicyTemplate'];
      values?: components['schemas']['PolicyValue'][];
    };
    Query: {
      /** @enum {string} */
      queryType?: 'Filter' | 'FilterQuery' | 'Search';
    } | null;
    'scheduled-userstate-result': {
      scheduledDate?: string;
      scheduledJobId?: string;
      state?: string;
      systemUserId?: string;
    };
    /** @enum {string} */
    SetupAssistantOption:
      | 'accessibility'
      | 'actionButton'
      | 'appearance'
      | 'appleID'
      | 'biometric'
      | 'cameraButton'
      | 'diagnostics'
      | 'displayTone'
      | 'enableLockdownMode'
      | 'fileVault'
      | 'icloudDiagnostics'
      | 'icloudStorage'
      | 'intelligence'
      | 'location'
      | 'payment'
      | 'privacy'
      | 'restore'
      | 'safety'
      | 'screenTime'
      | 'siri'
      | 'tos'
      | 'termsOfAddress'
      | 'appStore'
      | 'displayZoom'
      | 'deviceToDeviceMigration'
      | 'homeButton'
      | 'imessageAndFacetime'
      | 'messagingActivationUsingPhoneNumber'
      | 'moveFromAndroid'
      | 'passcode'
      | 'restoreComplete'
      | 'setupCellular'
      | 'softwareUpdate'
      | 'unlockWithWatch'
      | 'updateComplete'
      | 'wallpaper'
      | 'watchMigration'
      | 'welcome'
      | 'additionalPrivacySettings'
      | 'multitasking'
      | 'osShowcase'
      | 'webContentFiltering'
      | 'safetyAndHandling';
    'software-app': {
      /** Format: date-time */
      createdAt?: string | null;
      displayName?: string;
      id?: string;
      organization?: string;
      settings?: components['schemas']['software-app-settings'][];
      /** Format: date-time */
      updatedAt?: string | null;
    };
    'software-app-apple-vpp': {
      appConfiguration?: string;
      /** @default 0 */
      assignedLicenses: number;
      /** @default 0 */
      availableLicenses: number;
      details?: Record<string, never>;
      isConfigEnabled?: boolean;
      supportedDeviceFamilies?: ('IPAD' | 'IPHONE' | 'IPOD' | 'MAC')[];
      /** @default 0 */
      totalLicenses: number;
    };
    'software-app-google-android': {
      androidFeatures?: string[];
      appPricing?: string;
      appVersion?: string;
      author?: string;
      /** @enum {string} */
      autoUpdateMode?:
        'AUTO_UPDATE_DEFAULT' | 'AUTO_UPDATE_POSTPONED' | 'AUTO_UPDATE_HIGH_PRIORITY';
      category?: string;
      contentRating?: string;
      displayMode?: string;
      distributionChannel?: string;
      fullDescription?: string;
      iconUrl?: string;
      /** @enum {string} */
      installType?: 'AVAILABLE' | 'FORCE_INSTALLED' | 'BLOCKED';
      managedConfigurationTemplateId?: string;
      managedProperties?: boolean;
      minSdkVersion?: number;
      name?: string;
      permissionGrants?: components['schemas']['software-app-permission-grants'][];
      /** @enum {string} */
      runtimePermission?: 'PROMPT' | 'GRANT' | 'DENY';
      startUrl?: string;
      /** @enum {string} */
      type?: 'APP_TYPE_UNSPECIFIED' | 'PUBLIC' | 'PRIVATE' | 'WEBAPP';
      updateTime?: string;
      versionCode?: number;
    };
    'software-app-microsoft-store': {
      doNotUpdate?: boolean;
      nonRemovable?: boolean;
      packageFamilyName?: string;
    };
    'software-app-permission-grants': {
      id?: string;
      /** @enum {string} */
      policy?: 'PROMPT' | 'GRANT' | 'DENY';
    };
    'software-app-settings': {
      adminIntent?: components['schemas']['devices.SoftwareApp.Setting.AdminManagementIntent'];
      /** @default false */
      allowUpdateDelay: boolean;
      appCatalogInstallableObjectId?: string;
      appDeliveryMethod?: string;
      appFileName?: string;
      appleVpp?: components['schemas']['software-app-apple-vpp'];
      architectures?: string[];
      assetKind?: string;
      assetSha256Size?: number;
      assetSha256Strings?: string[];
      /** @default false */
      autoUpdate: boolean;
      bundleId?: string;
      commandLineArguments?: string;
      /** Format: date-time */
      createdAt?: string | null;
      description?: string;
      desiredState?: string;
      detectionRules?: {
        expectedDisplayName?: string;
        powerShellScript?: string;
        registryExpectedValue?: string;
        registryPath?: string;
        registryValueName?: string;
        ruleType?: string;
      };
      displayVersion?: string;
      downloadUrl?: string;
      enterpriseObjectId?: string;
      format?: string;
      googleAndroid?: components['schemas']['software-app-google-android'];
      iconUrl?: string;
      installerEngineVersion?: string;
      location?: string;
      locationObjectId?: string;
      managedInstallEligibilityStatus?: components['schemas']['devices.MetadataPKG.ManagedInstallEligibilityStatus'];
      microsoftStore?: components['schemas']['software-app-microsoft-store'];
      packageId?: string;
      packageKind?: string;
      packageManager?: string;
      packageSubtitle?: string;
      packageVersion?: string;
      /** Format: date-time */
      packageVersionUpdatedAt?: string | null;
      scope?: string;
      shortVersion?: string;
      signatureLabel?: string;
      silentInstallFlags?: string[];
      storedPackage?: components['schemas']['object-storage-item'];
      storedPackageObjectId?: string;
      teamId?: string;
      uninstallOnUnbind?: boolean;
      unsafeUninstall?: boolean;
      /** Format: date-time */
      updatedAt?: string | null;
      updateTool?: string;
      updateToolArguments?: string;
      versionlessDownloadUrl?: boolean;
    };
    SuggestionCounts: {
      add?: number;
      remove?: number;
      total?: number;
    };
    SyncStatus: {
      code?: number;
      details?: Record<string, never>[];
      message?: string;
      /** Format: date-time */
      syncedAt?: string;
    };
    SystemGroup: {
      attributes?: components['schemas']['GraphAttributes'];
      description?: string;
      email?: string;
      id?: string;
      memberQuery?: components['schemas']['MemberQuery'];
      memberQueryErrorFlags?: components['schemas']['MemberQueryErrorFlags'];
      memberQueryExemptions?: components['schemas']['MemberQueryExemption'][];
      membershipMethod?: components['schemas']['GroupMembershipMethodType'];
      memberSuggestionsNotify?: boolean;
      name?: string;
      organizationObjectId?: string | null;
      /** @constant */
      type?: 'system_group';
    };
    UserGroup: {
      attributes?: components['schemas']['GroupAttributes-UserGroup'];
      description?: string;
      email?: string;
      id?: string;
      memberQuery?: components['schemas']['MemberQuery'];
      memberQueryErrorFlags?: components['schemas']['MemberQueryErrorFlags'];
      memberQueryExemptions?: components['schemas']['MemberQueryExemption'][];
      membershipMethod?: components['schemas']['GroupMembershipMethodType'];
      memberSuggestionsNotify?: boolean;
      name?: string;
      organizationObjectId?: string | null;
      suggestionCounts?: components['schemas']['SuggestionCounts'];
      /** @constant */
      type?: 'user_group';
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
  applemdms_list: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
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
          'application/json': components['schemas']['AppleMDM'][];
        };
      };
    };
  };
  applemdms_deviceslist: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
      };
      header?: never;
      path: {
        apple_mdm_id: string;
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
          'application/json': components['schemas']['apple-mdm-device'][];
        };
      };
    };
  };
  applemdms_deviceserase: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        apple_mdm_id: string;
        device_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          pin?: string;
        };
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  applemdms_deviceslock: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        apple_mdm_id: string;
        device_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          pin?: string;
        };
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  applemdms_devicesrestart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        apple_mdm_id: string;
        device_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          kextPaths?: string[];
        };
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  applemdms_devicesshutdown: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        apple_mdm_id: string;
        device_id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  graph_applicationAssociationsList: {
    parameters: {
      query: {
        limit?: number;
        skip?: number;
        targets: ('agent_group' | 'user' | 'user_group')[];
      };
      header?: never;
      path: {
        application_id: string;
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
          'application/json': components['schemas']['GraphConnection'][];
        };
      };
    };
  };
  graph_applicationAssociationsPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        application_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['GraphOperation-Application'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  graph_applicationTraverseUserGroup: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        application_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  graph_applicationTraverseUser: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        application_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  bulk_userExpires: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['bulk-user-expire'][];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['job-id'];
        };
      };
    };
  };
  bulk_userUnlocks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['bulk-user-unlock'][];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['job-id'];
        };
      };
    };
  };
  bulk_usersCreateResults: {
    parameters: {
      query?: {
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        job_id: string;
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
          'application/json': components['schemas']['job-workresult'][];
        };
      };
    };
  };
  bulk_userStatesCreate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['bulk-scheduled-statechange-create'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['scheduled-userstate-result'][];
        };
      };
    };
  };
  graph_commandTraverseSystemGroup: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        command_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  graph_commandTraverseSystem: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        command_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  policies_list: {
    parameters: {
      query?: {
        fields?: string[];
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
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
          'application/json': components['schemas']['Policy'][];
        };
      };
    };
  };
  policies_get: {
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
          'application/json': components['schemas']['PolicyWithDetails'];
        };
      };
    };
  };
  softwareApps_list: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
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
          'application/json': components['schemas']['software-app'][];
        };
      };
    };
  };
  groups_system_list: {
    parameters: {
      query?: {
        fields?: string[];
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
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
          'application/json': components['schemas']['SystemGroup'][];
        };
      };
    };
  };
  graph_systemGroupMembersPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        group_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['GraphOperation-SystemGroup-Member'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  graph_systemGroupMembership: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
      };
      header?: never;
      path: {
        group_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  groups_system_get: {
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
          'application/json': components['schemas']['SystemGroup'];
        };
      };
    };
  };
  graph_systemAssociationsList: {
    parameters: {
      query: {
        limit?: number;
        skip?: number;
        targets: ('command' | 'policy' | 'policy_group' | 'user' | 'user_group')[];
      };
      header?: never;
      path: {
        system_id: string;
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
          'application/json': components['schemas']['GraphConnection'][];
        };
      };
    };
  };
  graph_systemAssociationsPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        system_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['GraphOperation-System'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  graph_systemTraverseUser: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        system_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  groups_user_list: {
    parameters: {
      query?: {
        fields?: string[];
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
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
          'application/json': components['schemas']['UserGroup'][];
        };
      };
    };
  };
  graph_userGroupMembersPost: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        group_id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['GraphOperation-UserGroup-Member'];
      };
    };
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  graph_userGroupMembership: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
      };
      header?: never;
      path: {
        group_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  groups_user_get: {
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
          'application/json': components['schemas']['UserGroup'];
        };
      };
    };
  };
  graph_userTraverseApplication: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
      };
      header?: never;
      path: {
        user_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
  graph_userMemberOf: {
    parameters: {
      query?: {
        filter?: string[];
        limit?: number;
        skip?: number;
        sort?: string[];
      };
      header?: never;
      path: {
        user_id: string;
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
          'application/json': components['schemas']['GraphObjectWithPaths'][];
        };
      };
    };
  };
}
