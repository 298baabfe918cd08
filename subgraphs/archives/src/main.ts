import { main } from '@hub/kit';
import { archives } from './index';

main(archives);
