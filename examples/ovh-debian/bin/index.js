"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.taskId = exports.installedOs = void 0;
const pulumi = __importStar(require("@pulumi/pulumi"));
const reinstall = __importStar(require("pulumi-reinstall"));
const config = new pulumi.Config();
const web = new reinstall.ovh.DedicatedServerInstall("web-1", {
    serviceName: config.get("serviceName") ?? "ns3001234.ip-51-68-1.eu",
    templateName: "debian12_64",
    customHostname: config.get("hostname") ?? "web-1",
    diskGroupId: 2,
    userMetadata: { sshKey: config.require("sshPublicKey") },
});
exports.installedOs = web.installedOs;
exports.taskId = web.taskId;
//# sourceMappingURL=index.js.map