import { main } from '@hub/kit';
import { municipalities } from './index';

main(municipalities);
