import { main } from '@hub/kit';
import { filing } from './index';

main(filing);
