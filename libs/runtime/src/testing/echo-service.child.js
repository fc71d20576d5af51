// A backing service started exactly as services/*/src/main.ts start theirs (runService, settings from the
// environment), for tests that need a whole service process: it answers `catalog.echo`. It runs the COMPILED
// libraries (dist/, found through NODE_PATH=dist/node_modules). Plain JavaScript on purpose: test kits are not
// compiled by the production build.
'use strict';
require('reflect-metadata');
const { Controller, Module } = require('@nestjs/common');
const { MessagePattern } = require('@nestjs/microservices');
const { BaseServiceConfig } = require('@broker/platform');
const { runService } = require('@broker/runtime');

class EchoController {
  echo(payload) {
    return { text: payload.text };
  }
}
MessagePattern('catalog.echo')(EchoController.prototype, 'echo', Object.getOwnPropertyDescriptor(EchoController.prototype, 'echo'));
Controller()(EchoController);

class EchoModule {}
Module({ controllers: [EchoController] })(EchoModule);

void runService({ service: 'catalog', configClass: BaseServiceConfig, module: EchoModule });
